import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPassword, launchBrowser, newPage, rmSync, screenshot, signInAs, startServer, waitForMapIdle, type E2EServer } from '../support/e2e';
import { TEMPLATE_HEADERS } from '../../api/modules/reports/exchange/sheets';
import { DEMO_EVENT_NAME } from '../../db/seed/demo/events';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword(username) }),
  }).then((r) => r.json());
  return (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${login.token}` } }).then((r) => r.json());
}

const TOWNSHIP = '152502200'; // 宝力根苏木: the demo reporter's sumu, silent so far
// Server round trips under a loaded 2-core CI box: more than expect.poll's default second.
const SLOW = { timeout: 15_000 };

describe('township report offline, then the officer\'s assessment', () => {
  it('a report made offline waits as 待发送, arrives exactly once when the network returns, and the officer\'s acceptance raises the suggested level', async () => {
    const api = await apiAs('officer');
    const event = (await api('/api/events')).events.find((e: { name: string }) => e.name === DEMO_EVENT_NAME);
    expect(event).toBeTruthy();
    const before = await api(`/api/events/${event.id}/assessment?regionCode=1525`);
    expect(before.suggestion.level).toBe(3);

    // Township staff on a phone.
    const phone = await newPage(browser, { width: 390, height: 844 });
    await phone.context.route((url) => !url.toString().startsWith(server.url), (route) => route.abort());
    await signInAs(phone.page, server.url, 'reporter', demoPassword('reporter'));
    await phone.page.click('.menu >> text=灾情报送');
    await phone.page.waitForSelector('[data-testid=report-form]');
    await expect.poll(() => phone.page.textContent('[data-testid=report-form]'), SLOW).toContain('尚未报送');

    await phone.context.setOffline(true);
    await expect.poll(() => phone.page.textContent('[data-testid=network]'), SLOW).toBe('离线');
    const fill = async (name: string, value: string) => phone.page.fill(`[data-testid=report-form] input[name=${name}]`, value);
    await fill('affected', '1500');
    await fill('relocated', '600');
    await fill('relocatedCentralized', '250');
    // Consistency is checked while typing: 250 + 0 ≠ 600.
    await expect.poll(() => phone.page.textContent('[data-testid=violations]'), SLOW).toContain('应等于紧急转移安置人口');
    await fill('relocatedDispersed', '350');
    await fill('needEmergencyAid', '500');
    await fill('livestockDeaths', '1200');
    await fill('collapsedRooms', '6');
    await fill('collapsedHouseholds', '3');
    expect(await phone.page.$('[data-testid=violations]')).toBeNull();
    await phone.page.click('[data-testid=report-form] button[type=submit]');
    await phone.page.waitForSelector('[data-testid=outbox] li[data-state=pending]');
    expect(await phone.page.textContent('[data-testid=outbox] li[data-state=pending]')).toContain('待发送');
    await phone.page.locator('[data-testid=outbox]').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'reports-township-offline-queued');
    expect((await api(`/api/events/${event.id}/reports?regionCode=${TOWNSHIP}`)).reports).toHaveLength(0);

    await phone.context.setOffline(false);
    await phone.page.waitForSelector('[data-testid=outbox] li[data-state=sent]', { timeout: 20_000 });
    expect(await phone.page.textContent('[data-testid=outbox] li[data-state=sent]')).toContain('已发送');
    // A reload and a manual resend do not send it again (after the page's own reads finished, so the reload aborts none).
    await phone.page.waitForLoadState('networkidle');
    await phone.page.reload();
    await phone.page.waitForSelector('[data-testid=outbox] li[data-state=sent]');
    await phone.page.click('text=立即发送');
    await phone.page.waitForTimeout(500);
    const arrived = (await api(`/api/events/${event.id}/reports?regionCode=${TOWNSHIP}`)).reports;
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ stage: 'initial', status: 'submitted', submittedBy: 'reporter', figures: { relocated: 600, needEmergencyAid: 500 } });
    await screenshot(phone.page, 'reports-township-sent');
    expect(phone.problems).toEqual([]);

    // The league officer reviews it on the event dashboard and sees the level the figures now call for.
    const desk = await newPage(browser, { width: 1366, height: 900 });
    await desk.context.route((url) => !url.toString().startsWith(server.url), (route) => route.abort());
    await signInAs(desk.page, server.url, 'officer', demoPassword('officer'));
    await desk.page.click('.menu >> text=灾害事件');
    await desk.page.click(`[data-testid=events-table] >> text=${DEMO_EVENT_NAME}`);
    await desk.page.waitForSelector(`[data-testid=accept-${arrived[0].id}]`);
    expect(await desk.page.textContent('[data-testid=suggestion]')).toContain('应启动 III 级响应');
    await desk.page.click(`[data-testid=accept-${arrived[0].id}]`);
    await expect.poll(() => desk.page.textContent('[data-testid=dash-notice]'), SLOW).toContain('宝力根苏木');
    await expect.poll(() => desk.page.textContent('[data-testid=suggestion]'), SLOW).toContain('应启动 II 级响应');
    expect(await desk.page.textContent('[data-testid=assessed-level]')).toBe('Ⅱ级');
    expect(await desk.page.textContent('[data-testid=assessment]')).toContain('紧急转移安置和需紧急生活救助 10,050 人 ≥ 10,000');
    await desk.page.evaluate(() => window.scrollTo(0, 0));
    await waitForMapIdle(desk.page);
    await screenshot(desk.page, 'reports-officer-dashboard');

    // Activating the suggested level writes the timeline with the assessment frozen at that moment.
    await desk.page.click('[data-testid=act-suggested]');
    await expect.poll(() => desk.page.textContent('[data-testid=active-level]'), SLOW).toBe('Ⅱ级');
    await expect.poll(() => desk.page.textContent('[data-testid=timeline]'), SLOW).toContain('锡林郭勒盟 启动 Ⅱ级');
    const after = await api(`/api/events/${event.id}/responses`);
    expect(after.responses.at(-1)).toMatchObject({ regionCode: '1525', action: 'activate', level: 2, actor: 'officer', assessment: { level: 2 } });
    expect(desk.problems).toEqual([]);
  }, 120_000);
});

async function apiWrite(username: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword(username) }),
  }).then((r) => r.json());
  return (path: string, body: unknown) => fetch(`${server.url}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

/** A filled batch-entry sheet: the template's header row, then one row per report. */
async function reportSheet(dir: string, name: string, rows: Record<string, string | number>[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('灾情报表');
  ws.addRow(TEMPLATE_HEADERS);
  for (const r of rows) ws.addRow(TEMPLATE_HEADERS.map((h) => r[h] ?? null));
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

describe('batch entry from a sheet', () => {
  it('the officer previews a sheet, sees each bad row, then imports the corrected sheet once', { timeout: 90_000 }, async () => {
    const post = await apiWrite('officer');
    const event = await post('/api/events', { name: '锡林浩特市风雹（导入测试）', hazard: 'hail', startedAt: hoursAgo(3), regionCode: '152502' });
    expect(event.status).toBe(201);
    const dir = mkdtempSync(join(tmpdir(), 'report-xlsx-'));
    const bad = await reportSheet(dir, 'bad.xlsx', [
      { 乡镇代码: '152502200', 报告阶段: '初报', '受灾人口（人）': 300 },
      { 乡镇代码: '152502201', 报告阶段: '初报', '受灾人口（人）': 10, '紧急转移安置人口（人）': 50, '其中：集中安置（人）': 50 },
      { 乡镇代码: '152502001', 报告阶段: '快报', '受灾人口（人）': 5 },
    ]);
    const good = await reportSheet(dir, 'good.xlsx', [
      { 乡镇代码: '152502200', 报告阶段: '初报', '受灾人口（人）': 300, '直接经济损失（万元）': 12.5 },
      { 乡镇代码: '152502201', 报告阶段: '初报', '受灾人口（人）': 80, '紧急转移安置人口（人）': 50, '其中：集中安置（人）': 50 },
    ]);

    const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
    await page.context().route((url) => !url.toString().startsWith(server.url), (route) => route.abort());
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await page.click('.menu >> text=灾害事件');
    await page.click('[data-testid=events-table] >> text=锡林浩特市风雹（导入测试）');
    await waitForMapIdle(page);
    await page.click('[data-testid=report-import] summary');
    // The server's answer is held a moment, so the progress shown meanwhile can be checked.
    await page.route('**/reports/import', async (route) => { await new Promise((r) => setTimeout(r, 700)); await route.continue(); });
    await page.setInputFiles('[data-testid=report-import-file]', bad);
    await page.waitForSelector('[data-testid=import-progress]');
    const errors = page.locator('[data-testid=report-import-errors]');
    await expect.poll(() => errors.textContent().catch(() => ''), SLOW).toContain('未导入任何数据');
    expect(await errors.locator(':scope > ul > li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-row')))).toEqual(['3', '4']);
    expect(await errors.locator('li[data-row="3"]').textContent()).toContain('数字不一致');
    expect(await errors.locator('li[data-row="4"]').textContent()).toContain('报告阶段 — 报告阶段 "快报" must be 初报, 续报 or 核报');
    await errors.scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-import-row-errors');

    await page.setInputFiles('[data-testid=report-import-file]', good);
    const preview = page.locator('[data-testid=report-import-preview]');
    await expect.poll(() => preview.textContent().catch(() => ''), SLOW).toContain('预检通过：将导入 2 份报告');
    expect(await preview.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^2宝力根苏木 152502200初报受灾人口 300 · 直接经济损失 125,000.00 元$/),
      expect.stringMatching(/^3朝克乌拉苏木 152502201初报受灾人口 80 · 紧急转移安置人口 50/),
    ]);
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-import-preview');
    // Previewing stored nothing.
    expect(await page.textContent('[data-testid=pending-reports] h3')).toContain('0');

    await page.click('[data-testid=report-import-confirm]');
    await expect.poll(() => page.textContent('[data-testid=import-done]').catch(() => ''), SLOW).toContain('已导入 2 份报告');
    await expect.poll(() => page.locator('[data-testid=pending-reports] li[data-report]').count(), SLOW).toBe(2);
    // The only refusal logged is the bad sheet's preview (400), listed above row by row.
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('duplicates, reopening, response rules', () => {
  it('creating an event that duplicates an open one warns with the candidate, and the officer merges it there', { timeout: 60_000 }, async () => {
    const post = await apiWrite('officer');
    const first = await post('/api/events', { name: '苏尼特左旗沙尘暴', hazard: 'sandstorm', startedAt: hoursAgo(5), regionCode: '152523' });
    expect(first.status).toBe(201);
    const { page, problems } = await newPage(browser);
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await page.click('.menu >> text=灾害事件');
    const form = page.locator('[data-testid=new-event]');
    await form.locator('input[name=name]').fill('苏左旗沙尘天气（重复登记）');
    await form.locator('select[name=hazard]').selectOption('sandstorm');
    await form.locator('.region-picker input').fill('苏尼特左旗');
    await form.locator('.region-picker li', { hasText: /· 152523$/ }).click();
    await form.locator('button[type=submit]').click();
    const warning = form.locator('[data-testid=duplicate-warning]', { hasText: '苏尼特左旗沙尘暴' });
    await expect.poll(() => warning.textContent().catch(() => ''), SLOW).toContain('可能与进行中的事件重复');
    await screenshot(page, 'reports-duplicate-warning');
    await warning.locator('button').click();
    await expect.poll(() => form.locator('[data-testid=merged]').textContent().catch(() => ''), SLOW).toContain('已将“苏左旗沙尘天气（重复登记）”合并到“苏尼特左旗沙尘暴”');
    await expect.poll(() => page.textContent('[data-testid=events-table]'), SLOW).not.toContain('重复登记');
    await page.check('text=显示已合并的事件');
    await expect.poll(() => page.textContent('[data-testid=events-table]'), SLOW).toContain(`已合并 → #${first.body.id}`);
    expect(problems).toEqual([]);
  });

  it('the officer reopens a sumu whose 核报 closed its reporting', { timeout: 60_000 }, async () => {
    const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
    await page.context().route((url) => !url.toString().startsWith(server.url), (route) => route.abort());
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await page.click('.menu >> text=灾害事件');
    await page.click(`[data-testid=events-table] >> text=${DEMO_EVENT_NAME}`);
    await waitForMapIdle(page);
    const closed = page.locator('[data-testid=closed-townships] li[data-township="152526201"]');
    await expect.poll(() => closed.textContent().catch(() => ''), SLOW).toContain('乌兰哈拉嘎苏木');
    await closed.locator('[data-testid=reopen-152526201]').click();
    await closed.locator('input').fill('牧户补报倒损棚圈，需续报更正');
    await closed.locator('[data-testid=reopen-confirm-152526201]').click();
    await expect.poll(() => page.textContent('[data-testid=dash-notice]').catch(() => ''), SLOW).toContain('已重新开放 乌兰哈拉嘎苏木 的报送');
    await expect.poll(() => page.locator('[data-testid=closed-townships] li[data-township="152526201"]').count(), SLOW).toBe(0);
    await page.locator('[data-testid=reporting-status]').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-reopened');
    expect(problems).toEqual([]);
  });

  it('the league officer sees a banner inherit the league table with its sources, and sets the banner its own table, corrected field by field', { timeout: 60_000 }, async () => {
    const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await page.click('.menu >> text=响应标准');
    // Its own league: the demo table, which only the region above may change.
    await expect.poll(() => page.textContent('[data-testid=rules-origin]').catch(() => ''), SLOW).toContain('本级自定标准');
    expect(await page.textContent('[data-testid=rules]')).toContain('只有上级应急管理部门');
    expect(await page.$('[data-testid=rules-edit]')).toBeNull();

    await page.fill('#rules-region', '阿巴嘎');
    await page.locator('.region-picker li', { hasText: /· 152522$/ }).click();
    await expect.poll(() => page.textContent('[data-testid=rules-origin]').catch(() => ''), SLOW).toContain('继承自 锡林郭勒盟（1525）');
    expect(await page.textContent('[data-testid=rules-sources]')).toContain('来源：演示数据（虚构）');
    expect(await page.textContent('[data-testid=rules] td[data-cell="4:deathsMissing"]')).toContain('≥ 3，< 5 人');

    await page.click('[data-testid=rules-edit]');
    const cell = (c: string, k: 'lower' | 'upper') => page.locator(`[data-testid=rules-editor] input[name="${c}:${k}"]`);
    await cell('4:deathsMissing', 'lower').fill('2');
    await page.click('[data-testid=rules-save]');
    await expect.poll(() => page.textContent('[data-testid=rules-editor] label.invalid').catch(() => ''), SLOW).toContain('须注明依据');
    await page.fill('[data-testid=rules-editor] input[name=source]', '阿巴嘎旗自然灾害救助应急预案（演示）');
    await cell('4:deathsMissing', 'upper').fill('1');
    await page.click('[data-testid=rules-save]');
    await expect.poll(() => page.textContent('[data-testid=rules-editor] td[data-cell="4:deathsMissing"] .field-error').catch(() => ''), SLOW).toBe('上限须大于下限');
    await cell('4:deathsMissing', 'upper').fill('6');
    await page.click('[data-testid=rules-save]');
    await expect.poll(() => page.textContent('[data-testid=rules-editor] tr[data-indicator=deathsMissing] th .field-error').catch(() => ''), SLOW).toContain('重叠');
    await screenshot(page, 'reports-rules-field-errors');
    await cell('4:deathsMissing', 'upper').fill('5');
    await page.click('[data-testid=rules-save]');

    await expect.poll(() => page.textContent('[data-testid=rules-notice]').catch(() => ''), SLOW).toContain('已保存本级标准');
    expect(await page.textContent('[data-testid=rules-origin]')).toContain('本级自定标准');
    const changed = page.locator('[data-testid=rules] td[data-cell="4:deathsMissing"]');
    expect(await changed.textContent()).toContain('≥ 2，< 5 人');
    expect(await changed.textContent()).toContain('上级：≥ 3，< 5 人');
    expect(await page.textContent('[data-testid=rules-sources]')).toContain('来源：阿巴嘎旗自然灾害救助应急预案（演示）');
    expect(await page.textContent('[data-testid=rules-sources]')).toContain('来源：演示数据（虚构）');
    await screenshot(page, 'reports-rules-own-table');
    // The two refusals logged are the server's answers shown at the cell and at the row above.
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)', 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
