import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { inject } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { createApp, type App } from '../../api/app';
import { readConfig } from '../../api/config';

import { ADMIN_PASSWORD } from './constants';

export { ADMIN_PASSWORD };

export interface Client {
  token: string;
  user: { id: number; username: string; role: string; regionCode: string; depotIds: number[] };
  get: (path: string) => Promise<Res>;
  post: (path: string, body?: unknown, headers?: Record<string, string>) => Promise<Res>;
  patch: (path: string, body?: unknown) => Promise<Res>;
  put: (path: string, body?: unknown) => Promise<Res>;
}
export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  headers: Headers;
}

/** Its own temp-file database (a copy of the run's seeded template); nothing shared between tests. */
export function freshApp(opts: { demo?: boolean; env?: Record<string, string> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relief-test-'));
  copyFileSync(inject(opts.demo === false ? 'templateBare' : 'templateDemo'), join(dir, 'test.db'));
  const db: Db = openDatabase(join(dir, 'test.db'));
  const config = { ...readConfig({ NODE_ENV: 'test', ...opts.env }), databasePath: join(dir, 'test.db'), logRequests: false };
  const app: App = createApp(db, config);

  async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await app.request(path, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async function login(username: string, password?: string): Promise<Client> {
    const pw = password ?? (username === 'admin' ? ADMIN_PASSWORD : `${username.replace(/_.*/, '')}-demo-2026`);
    const res = await call('POST', '/api/auth/login', null, { username, password: pw });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    const token = res.body.token as string;
    return {
      token,
      user: res.body.user,
      get: (p) => call('GET', p, token),
      post: (p, b, h) => call('POST', p, token, b ?? {}, h),
      patch: (p, b) => call('PATCH', p, token, b ?? {}),
      put: (p, b) => call('PUT', p, token, b ?? {}),
    };
  }

  return {
    app, db, config, call, login,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
