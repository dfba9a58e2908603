// Shared builders for the recovery API tests: valid ID numbers, households, allocations, and a case
// walked to a given step with dates in the past (so the 7-day notice has really run).
import { expect } from 'vitest';
import { generateValidIdNumber } from '../../api/modules/recovery/id-number';
import type { Client } from '../support/fresh-app';

/** Villages of 宝力根苏木 (the demo reporter's township), one of another township, one in 阿巴嘎旗. */
export const V = {
  home: '152502200200',        // 伊利勒特嘎查, 宝力根苏木, 锡林浩特市
  home2: '152502200201',       // 哈那乌拉嘎查
  otherTownship: '152502201200', // 洪格尔嘎查, 朝克乌拉苏木
  abaga: '152522100200',       // 阿日哈夏图嘎查, 阿巴嘎旗
} as const;

let seq = 100;
/** A fresh valid ID number each call (born 1970–1999, order codes never reused in a run). */
export function newId(region = '152502'): string {
  seq += 1;
  const year = 1970 + (seq % 30);
  return generateValidIdNumber(region, `${year}0${1 + (seq % 9)}1${seq % 10}`, seq % 1000);
}

export const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

export async function household(client: Client, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/households', {
    headName: '巴特尔', idNumber: newId(), villageCode: V.home, size: 4, phone: '13904790001',
    bankCard: '6217 0000 1234 5678 901', flags: ['general'], ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.household as { id: number; idNumber: string; headName: string };
}

export async function allocation(officer: Client, over: Record<string, unknown> = {}) {
  const res = await officer.post('/api/funds/allocations', {
    category: 'rebuild', sourceLevel: 'central', countyCode: '152502', amountFen: 100_000_000,
    documentNo: `财建〔2026〕${Math.floor(Math.random() * 1e9)}号`, receivedAt: '2026-08-01', ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

export async function ledgerEntry(client: Client, householdId: number, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/rebuild-cases', {
    householdId, disasterAt: daysAgo(40), inspectedAt: daysAgo(35), damageClass: 'collapsed', rooms: 3, soleHome: true, ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; status: string };
}

export async function step(client: Client, caseId: number, body: Record<string, unknown>, expectStatus = 200) {
  const res = await client.post(`/api/rebuild-cases/${caseId}/advance`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(expectStatus);
  return res.body;
}

/** Township staff take the case through application and a notice that ended yesterday, then village approval. */
export async function toVillageApproved(reporter: Client, caseId: number) {
  await step(reporter, caseId, { action: 'apply', at: daysAgo(30) });
  await step(reporter, caseId, { action: 'post_notice', noticeStart: daysAgo(29), noticeEnd: daysAgo(1) });
  return step(reporter, caseId, { action: 'village_approve' });
}

export async function toCountyApproved(reporter: Client, county: Client, caseId: number) {
  await toVillageApproved(reporter, caseId);
  await step(reporter, caseId, { action: 'township_approve' });
  return step(county, caseId, { action: 'county_approve' });
}

export async function countyOfficer(admin: Client, login: (u: string, p: string) => Promise<Client>, regionCode: string, username: string) {
  const res = await admin.post('/api/users', { username, password: 'county-officer-2026', role: 'officer', regionCode });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return login(username, 'county-officer-2026');
}
