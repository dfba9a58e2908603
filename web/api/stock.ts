// The stock module's typed client. Request bodies are the server's zod types; answers are the
// shapes the stock routes return.
import type {
  DepotInput, DepotPatchInput, DonorInput, ItemInput, MoneyDonationInput, MovementInput, ReceiveShipmentInput, ReserveTargetInput, StocktakeCountInput, WriteoffDecisionInput, WriteoffRequestInput,
} from '../../api/modules/stock/schemas';
import type { BalanceOut, LotOut } from '../../api/modules/stock/queries';
import type { MovementOut } from '../../api/modules/stock/ledger';
import { ApiError, get, patch, post, put, session } from './client';

export type { BalanceOut, LotOut, MovementOut };
export interface Item { id: number; code: string; name: string; nameEn: string | null; unit: string; category: string; catalogue?: string; regionCode?: string | null; weightKg?: number; volumeM3?: number; shelfLifeDays: number | null; warnDays: number | null; spec: string | null }
export interface Depot { id: number; code: string; name: string; tier: string; regionCode: string; lon: number; lat: number; capacityM3: number | null; contactName: string | null; contactPhone: string | null; relocateCapacityPeople: number | null }
export interface Shipment {
  id: number; kind: 'transfer' | 'dispatch'; fromDepotId: number; toDepotId: number | null; toRegionCode: string | null; itemId: number; quantity: number;
  status: 'in_transit' | 'received' | 'cancelled'; planId: number | null; lots: { lotId: number; batchNo: string; expiresOn: string | null; quantity: number }[];
  sentAt: string; etaAt: string | null; receivedAt: string | null; receivedQuantity: number | null; damagedQuantity: number | null; receiverName: string | null; note: string | null;
}
export interface MovementResult { movement: MovementOut; movements: MovementOut[]; balance: { depotId: number; itemId: number; quantity: number }; shipment?: Shipment }
export interface WriteoffRequest { id: number; depotId: number; itemId: number; quantity: number; batchNo: string | null; reason: string; note: string | null; status: 'pending' | 'approved' | 'rejected'; requestedByName: string | null; requestedAt: string; decidedByName: string | null; decidedAt: string | null; decisionNote: string | null }
export interface StocktakeLine { lotId: number; itemId: number; itemName: string; unit: string; batchNo: string; expiresOn: string | null; snapshotQuantity: number; bookQuantity: number; countedQuantity: number | null; difference: number | null; note: string | null }
export interface Stocktake { id: number; depotId: number; status: 'open' | 'closed'; openedAt: string; closedAt: string | null; matched: boolean | null; note: string | null; lines: StocktakeLine[] }
export interface LotAlert { depotId: number; itemId: number; lotId: number; batchNo: string; expiresOn: string; quantity: number; daysLeft: number }
export interface GapRow { depotId: number; itemId: number; target: number; onHand: number; inTransitIn: number; gap: number; coverage: number | null }
export interface Donor { id: number; name: string; kind: 'person' | 'organization' | 'company'; contactName: string | null; contactPhone: string | null; regionCode: string | null; address: string | null; anonymous: boolean; note: string | null; createdAt: string }
export interface MoneyDonation { id: number; donorId: number; amountFen: number; receivedOn: string; eventId: number | null; purpose: string | null; receiptNo: string | null; note: string | null; regionCode: string; createdAt: string }
export interface DonationTrace {
  donor: { id: number; name: string; kind: string };
  items: { itemId: number; received: number; onHand: number; issued: number; dispatched: number; writtenOff: number; adjusted: number; inTransit: number; lost: number }[];
  shipments: { shipmentId: number; kind: 'transfer' | 'dispatch'; status: Shipment['status']; toDepotId: number | null; toRegionCode: string | null; itemId: number; quantity: number; sentAt: string; receivedAt: string | null }[];
}
export interface PublicDonationReport {
  generatedAt: string;
  donors: { name: string; kind: string; moneyFen: number; moneyDonations: number; goods: { item: string; unit: string; received: number; used: number }[] }[];
  totals: { moneyFen: number; goods: { item: string; unit: string; received: number; used: number }[] };
}
export interface RegionGap { regionCode: string; itemId: number; depots: number; target: number; onHand: number; inTransitIn: number; gap: number; netGap: number }

const qs = (q: Record<string, string | number | undefined>) => {
  const s = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return s ? `?${s}` : '';
};
// A fresh key per user action: a retry of the same action (double click, flaky network) posts once.
const once = () => ({ 'Idempotency-Key': crypto.randomUUID() });

let itemsCache: Promise<{ items: Item[] }> | null = null;
let depotsCache: Promise<{ depots: Depot[] }> | null = null;

export const stockApi = {
  items: () => (itemsCache ??= get<{ items: Item[] }>('/api/items').catch((e) => { itemsCache = null; throw e; })),
  depots: () => (depotsCache ??= get<{ depots: Depot[] }>('/api/depots').catch((e) => { depotsCache = null; throw e; })),
  createDepot: (d: DepotInput) => { depotsCache = null; return post<Depot>('/api/depots', d, once()); },
  patchDepot: (id: number, p: DepotPatchInput) => { depotsCache = null; return patch<Depot>(`/api/depots/${id}`, p); },
  createItem: (i: ItemInput) => { itemsCache = null; return post<Item>('/api/items', i, once()); },
  donors: () => get<{ donors: Donor[] }>('/api/donations/donors'),
  createDonor: (d: DonorInput) => post<Donor>('/api/donations/donors', d, once()),
  trace: (donorId: number) => get<DonationTrace>(`/api/donations/donors/${donorId}/trace`),
  moneyDonations: () => get<{ donations: MoneyDonation[] }>('/api/donations/money'),
  recordMoney: (m: MoneyDonationInput) => post<MoneyDonation>('/api/donations/money', m, once()),
  publicDonations: () => get<PublicDonationReport>('/api/public/donations'),
  stock: (q: { depotId?: number; itemId?: number; regionCode?: string }) => get<{ balances: BalanceOut[] }>(`/api/stock${qs(q)}`),
  movements: (q: { depotId?: number; itemId?: number; limit?: number; beforeId?: number }) => get<{ movements: MovementOut[] }>(`/api/stock/movements${qs(q)}`),
  record: (m: MovementInput) => post<MovementResult>('/api/stock/movements', m, once()),
  reverse: (id: number, note?: string) => post<MovementResult>(`/api/stock/movements/${id}/reverse`, { note }, once()),
  shipments: (q: { status?: string; depotId?: number; planId?: number; toRegionCode?: string }) => get<{ shipments: Shipment[] }>(`/api/shipments${qs(q)}`),
  receive: (id: number, r: ReceiveShipmentInput) => post<{ shipment: Shipment }>(`/api/shipments/${id}/receive`, r, once()),
  writeoffs: (q: { status?: string; depotId?: number }) => get<{ requests: WriteoffRequest[] }>(`/api/stock/writeoff-requests${qs(q)}`),
  requestWriteoff: (r: WriteoffRequestInput) => post<WriteoffRequest>('/api/stock/writeoff-requests', r, once()),
  decideWriteoff: (id: number, d: WriteoffDecisionInput) => post<{ request: WriteoffRequest }>(`/api/stock/writeoff-requests/${id}/decision`, d, once()),
  stocktakes: (q: { depotId?: number; status?: string }) => get<{ stocktakes: Omit<Stocktake, 'lines'>[] }>(`/api/stock/stocktakes${qs(q)}`),
  stocktake: (id: number) => get<Stocktake>(`/api/stock/stocktakes/${id}`),
  openStocktake: (depotId: number) => post<Stocktake>('/api/stock/stocktakes', { depotId }, once()),
  countStocktake: (id: number, c: StocktakeCountInput) => post<Stocktake>(`/api/stock/stocktakes/${id}/counts`, c),
  closeStocktake: (id: number) => post<Stocktake & { adjustments: MovementOut[] }>(`/api/stock/stocktakes/${id}/close`, {}, once()),
  alerts: (regionCode?: string) => get<{ today: string; expiring: LotAlert[]; expired: LotAlert[]; belowTarget: GapRow[] }>(`/api/stock/alerts${qs({ regionCode })}`),
  adequacy: (regionCode?: string) => get<{ regionCode: string | null; depots: GapRow[]; regions: RegionGap[] }>(`/api/reserve/adequacy${qs({ regionCode })}`),
  setTarget: (t: ReserveTargetInput) => put<unknown>('/api/reserve/targets', t),
  importReceipts: (depotId: number, file: string, filename?: string, onProgress?: (p: UploadProgress) => void) =>
    postWithProgress<{ imported: number }>('/api/stock/import/receipts', { depotId, file, filename }, onProgress, once()),
};

/** Saves an authenticated xlsx download under the server's file name. */
export async function download(path: string, fallbackName: string) {
  const res = await fetch(path, { headers: session.token ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    const body = await res.json().catch(() => null) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name ? decodeURIComponent(name) : fallbackName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Names for ids, from the cached catalogue and depot register. */
export async function lookups() {
  const [{ items }, { depots }] = await Promise.all([stockApi.items(), stockApi.depots()]);
  return { items, depots, item: new Map(items.map((i) => [i.id, i])), depot: new Map(depots.map((d) => [d.id, d])) };
}
export type Lookups = Awaited<ReturnType<typeof lookups>>;

/** Where an upload is: bytes sent of total, then `processing` once the server has the whole body. */
export interface UploadProgress { phase: 'uploading' | 'processing'; sent: number; total: number }

/**
 * A JSON POST that reports upload progress (fetch cannot): big base64 workbooks on a slow county
 * line take a while, and the user should see that something is moving. Same errors as `post`.
 */
export function postWithProgress<T>(path: string, body: unknown, onProgress?: (p: UploadProgress) => void, headers: Record<string, string> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/json');
    if (session.token) xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress?.({ phase: 'uploading', sent: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.upload.onload = () => onProgress?.({ phase: 'processing', sent: 1, total: 1 });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network unavailable'));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const err = (json as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message ?? xhr.statusText, err?.details));
    };
    xhr.send(JSON.stringify(body));
  });
}

/** An xlsx (or any) file as base64, for the JSON upload bodies. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
