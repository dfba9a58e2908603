// One typed request layer for every page. Shapes come from the server's zod schemas (type-only
// imports), so the web never retypes a request body.
import type { UserInput } from '../../api/modules/users/schemas';
import type { Region } from '../../api/modules/regions/schemas';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

const TOKEN_KEY = 'relief.token';
export const session = {
  get token() {
    return localStorage.getItem(TOKEN_KEY);
  },
  set token(t: string | null) {
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
  },
};

let onUnauthenticated: () => void = () => {};
export const setOnUnauthenticated = (fn: () => void) => (onUnauthenticated = fn);

export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { ...headers };
  if (session.token) h.authorization = `Bearer ${session.token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network unavailable');
  }
  const text = await res.text();
  const json = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (json as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && path !== '/api/auth/login') onUnauthenticated();
    throw new ApiError(res.status, err?.code ?? 'HTTP_' + res.status, err?.message ?? res.statusText, err?.details);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);

export type Role = 'admin' | 'officer' | 'keeper' | 'reporter' | 'auditor';
export interface Me {
  id: number;
  username: string;
  role: Role;
  regionCode: string;
  depotIds: number[];
}
export interface RegionWithPath extends Region {
  path: { code: string; name: string; level: string }[];
}
export interface UserOut extends Me {
  displayName: string | null;
  regionName?: string | null;
  disabled: boolean;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }[];
}

export const api = {
  login: (username: string, password: string) => post<{ token: string; user: Me }>('/api/auth/login', { username, password }),
  logout: () => post<{ ok: true }>('/api/auth/logout'),
  me: () => get<{ user: Me }>('/api/auth/me'),
  region: (code: string) => get<RegionWithPath>(`/api/regions/${code}`),
  townships: (code: string) => get<{ townships: { code: string; name: string; county: string; lon: number; lat: number; approximate: boolean; population: number | null }[] }>(`/api/regions/${code}/townships`),
  childRegions: (code: string) => get<{ regions: Region[] }>(`/api/regions?parent=${code}`),
  searchRegions: (q: string, level?: string) => get<{ regions: Region[] }>(`/api/regions?q=${encodeURIComponent(q)}${level ? `&level=${level}` : ''}&limit=20`),
  boundaries: (code: string, level: 'province' | 'prefecture' | 'county') => get<FeatureCollection>(`/api/regions/${code}/geojson?level=${level}`),
  provinces: () => get<FeatureCollection>('/api/geo/provinces'),
  users: () => get<{ users: UserOut[] }>('/api/users'),
  createUser: (u: UserInput) => post<UserOut>('/api/users', u),
  patchUser: (id: number, p: Partial<UserInput> & { disabled?: boolean }) => patch<UserOut>(`/api/users/${id}`, p),
  depots: (regionCode?: string) => get<{ depots: { id: number; code: string; name: string; regionCode: string; tier: string; lon: number; lat: number }[] }>(`/api/depots${regionCode ? `?regionCode=${regionCode}` : ''}`),
  mapConfig: () => get<{ tiandituKey: string | null; xyzTilesUrl: string | null; pmtiles: string | null }>('/api/settings/map'),
};
