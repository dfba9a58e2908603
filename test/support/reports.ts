// Helpers for the events/reports/response API tests: each test builds its own event and reports.
import { expect } from 'vitest';
import type { Client, freshApp } from './fresh-app';

type App = ReturnType<typeof freshApp>;
export type Figures = Record<string, number>;

/** 新城区 (Hohhot, 150102) has no table of its own above it: the national plan governs it. */
export const HOHHOT_COUNTY = '150102';
export const HOHHOT_TOWN = '150102101'; // 保合少镇
export const HOHHOT_TOWN_2 = '150102001'; // 海拉尔东路街道
export const XLHT_TOWN = '152502200'; // 宝力根苏木, the demo reporter's township
export const XLHT_TOWN_2 = '152502201'; // 朝克乌拉苏木

export async function newEvent(officer: Client, body: Record<string, unknown> = {}): Promise<number> {
  const res = await officer.post('/api/events', {
    name: '测试暴雪过程', hazard: 'snow', startedAt: new Date(Date.now() - 3600_000).toISOString(), regionCode: '152502', ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

/** A user of the given role placed at a region (password: `${role}-demo-2026`, as the demo users). */
export async function userAt(f: App, role: string, regionCode: string, username = `${role}_${regionCode}_${Math.random().toString(36).slice(2, 7)}`): Promise<Client> {
  const admin = await f.login('admin');
  const res = await admin.post('/api/users', { username, password: `${role}-demo-2026`, role, regionCode });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return f.login(username, `${role}-demo-2026`);
}

export function submit(client: Client, eventId: number, regionCode: string, stage: string, figures: Figures, extra: Record<string, unknown> = {}, headers?: Record<string, string>) {
  return client.post(`/api/events/${eventId}/reports`, { regionCode, stage, figures, ...extra }, headers);
}

export async function submitOk(client: Client, eventId: number, regionCode: string, stage: string, figures: Figures, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await submit(client, eventId, regionCode, stage, figures, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

export async function accept(officer: Client, reportId: number) {
  const res = await officer.post(`/api/reports/${reportId}/review`, { decision: 'accept' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Submit and accept in one step. */
export async function accepted(reporter: Client, officer: Client, eventId: number, regionCode: string, stage: string, figures: Figures, extra: Record<string, unknown> = {}) {
  const id = await submitOk(reporter, eventId, regionCode, stage, figures, extra);
  await accept(officer, id);
  return id;
}

export async function summary(client: Client, eventId: number, query = '') {
  const res = await client.get(`/api/events/${eventId}/summary${query ? `?${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A people count with a consistent split: affected covers it, all relocated are centralised. */
export const people = (relocated: number, needEmergencyAid = 0, more: Figures = {}): Figures => ({
  affected: Math.max(relocated, needEmergencyAid), relocated, relocatedCentralized: relocated, needEmergencyAid, ...more,
});
