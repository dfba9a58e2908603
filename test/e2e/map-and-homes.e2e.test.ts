import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, ADMIN_PASSWORD, demoPassword, launchBrowser, newPage, rmSync, screenshot, signInAs, startServer, waitForMapIdle, type E2EServer } from '../support/e2e';
import { DEMO_EVENT_NAME } from '../../db/seed/demo/events';
import { buildDemoPmtiles } from '../../scripts/tiles/demo-pmtiles';

let server: E2EServer;
let browser: Browser;
let tiles: string;
beforeAll(async () => {
  tiles = mkdtempSync(join(tmpdir(), 'relief-tiles-'));
  writeFileSync(join(tiles, 'demo.pmtiles'), buildDemoPmtiles());
  server = await startServer({ TILES_DIR: tiles, PMTILES_BASEMAP: 'demo' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(tiles, { recursive: true, force: true });
});

/** A screenshot for the test, and with UPDATE_DOCS_SCREENSHOTS=1 also the README's copy under docs/. */
async function shot(page: Page, name: string) {
  const path = await screenshot(page, name);
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(path, `docs/screenshots/${name}.png`);
  }
}

async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword(username) }),
  }).then((r) => r.json());
  return (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${login.token}` } }).then((r) => r.json());
}

/** Features of one map layer drawn on screen right now. */
const rendered = (page: Page, layer: string) =>
  page.evaluate((id) => (window.__planningMap!.map.getLayer(id) ? window.__planningMap!.map.queryRenderedFeatures({ layers: [id] }).length : -1), layer);

/** Screen point of a longitude/latitude, relative to the page. */
async function pointOf(page: Page, lngLat: [number, number]) {
  const box = (await page.locator('[data-testid=planning-map] canvas').boundingBox())!;
  const p = await page.evaluate((ll) => window.__planningMap!.map.project(ll as [number, number]), lngLat);
  return { x: box.x + p.x, y: box.y + p.y };
}

async function openPlanningMap(page: Page) {
  await page.click('.menu >> text=态势地图');
  await page.waitForSelector('[data-testid=planning-map-page][data-ready=true]', { timeout: 60_000 });
  await waitForMapIdle(page);
}

describe('role homes', () => {
  it('the league officer\'s home shows the demo blizzard with the level its figures call for, overdue townships and reserve gaps', async () => {
    const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    const event = page.locator('[data-testid=home-events] li', { hasText: DEMO_EVENT_NAME });
    await expect.poll(() => event.count(), { timeout: 15_000 }).toBe(1);
    expect(await event.locator('[data-testid=suggested-level]').textContent()).toBe('Ⅲ级');
    expect(await event.locator('[data-testid=home-suggestion]').textContent()).toContain('应启动 III 级响应');
    await expect.poll(() => page.textContent('[data-testid=home-reports]')).toMatch(/\d+ 个乡镇逾期未报/);
    const overdue = (await (await apiAs('officer'))('/api/events/1/overdue?regionCode=1525')).overdue as { name: string }[];
    expect(await page.textContent('[data-testid=home-reports]')).toContain(`${overdue.length} 个乡镇逾期未报`);
    expect(await page.textContent('[data-testid=home-reports]')).toContain(overdue[0].name);
    await expect.poll(() => page.locator('[data-testid=home-gaps] li').count()).toBeGreaterThan(0);
    await expect.poll(() => page.textContent('[data-testid=home-dispatch]')).toContain('在途运单');
    await waitForMapIdle(page);
    await shot(page, 'home-officer');

    // Each item leads to the page that handles it: the event opens its dashboard.
    await event.locator('a').first().click();
    await page.waitForURL(/\/events\/\d+$/);
    expect(problems).toEqual([]);
  });

  it('the keeper\'s home lists lots about to expire and the write-off waiting for approval', async () => {
    const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
    await signInAs(page, server.url, 'keeper', demoPassword('keeper'));
    await expect.poll(() => page.locator('[data-testid=home-expiring] [data-testid=expiring-lot]').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const lots = await page.textContent('[data-testid=home-expiring]');
    expect(lots).toContain('XL-01-FOOD-20251124-1'); // expired demo lot, listed first
    expect(lots).toMatch(/已过期 \d+ 天/);
    expect(lots).toMatch(/还剩 \d+ 天/);
    await expect.poll(() => page.textContent('[data-testid=home-incoming]')).toContain('棉被');
    expect(await page.textContent('[data-testid=home-writeoffs]')).toContain('应急食品');
    await shot(page, 'home-keeper');
    await page.click('[data-testid=home-expiring] >> text=去处理');
    await page.waitForURL(/\/stock\/alerts$/);
    expect(problems).toEqual([]);
  });

  it('township staff on a phone see the 初报 they owe today, overdue, and nothing waiting in the outbox', async () => {
    const { page, problems } = await newPage(browser, { width: 390, height: 844 });
    await signInAs(page, server.url, 'reporter', demoPassword('reporter'));
    const due = page.locator('[data-testid=home-due] [data-testid=due-item]');
    await expect.poll(() => due.count(), { timeout: 15_000 }).toBe(1);
    expect(await due.textContent()).toContain('初报');
    expect(await due.textContent()).toContain(DEMO_EVENT_NAME);
    expect(await due.textContent()).toContain('已逾期');
    expect(await page.textContent('[data-testid=home-outbox]')).toContain('没有待发送的记录');
    await expect.poll(() => page.textContent('[data-testid=home-followup]')).not.toContain('加载中');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'home-township-phone');
    await due.locator('a').click();
    await page.waitForURL(/\/township\/report$/);
    expect(problems).toEqual([]);
  });

  it('the auditor sees the chain verified on the home, verifies it again on the audit page and exports the log', async () => {
    const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
    await signInAs(page, server.url, 'auditor', demoPassword('auditor'));
    await expect.poll(() => page.textContent('[data-testid=home-chain]'), { timeout: 15_000 }).toContain('审计链完整');
    await screenshot(page, 'home-auditor');

    await page.click('.menu >> text=审计日志');
    await expect.poll(() => page.locator('[data-testid=audit-table] tbody tr').count()).toBeGreaterThan(3);
    await page.click('[data-testid=verify-chain]');
    await expect.poll(() => page.textContent('[data-testid=chain-status]')).toMatch(/审计链完整：已校验 [\d,]+ 条记录/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-audit]')]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = join(ARTIFACTS, 'audit-export.csv');
    await download.saveAs(path);
    const csv = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toBe('id,at,userId,username,regionCode,action,entity,entityId,before,after,requestId,prevHash,hash');
    expect(csv.split('\r\n').length).toBeGreaterThan(3);
    await expect.poll(() => page.textContent('[data-testid=export-notice]')).toContain('已导出');
    await shot(page, 'audit-log');
    expect(problems).toEqual([]);
  });
});

describe('the planning map', () => {
  it('layers toggle, a click opens the side panel with its actions, Escape closes it, and the as-of slider rewinds the damage', async () => {
    const api = await apiAs('officer');
    const { page, problems } = await newPage(browser, { width: 1440, height: 900 });
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await openPlanningMap(page);

    // Boundaries, township points, the damage choropleth and depots are all drawn.
    await expect.poll(() => rendered(page, 'townships-dot')).toBeGreaterThan(50);
    expect(await rendered(page, 'choropleth-fill')).toBeGreaterThan(5);
    expect(await rendered(page, 'depots-dot')).toBe(5);
    expect(await page.evaluate(() => window.__planningMap!.renderedLabels({ id: 'choropleth' }))).toEqual(expect.arrayContaining(['锡林浩特市', '阿巴嘎旗']));

    await page.uncheck('input[name=layer-townships]');
    await expect.poll(() => rendered(page, 'townships-dot')).toBe(0);
    await page.check('input[name=layer-townships]');
    await expect.poll(() => rendered(page, 'townships-dot')).toBeGreaterThan(50);
    await page.check('input[name=layer-recovery]');
    await expect.poll(() => rendered(page, 'recovery-villages-dot'), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.uncheck('input[name=layer-recovery]');
    await expect.poll(() => rendered(page, 'shipments-end')).toBeGreaterThan(0);

    // Clicking the league depot opens its figures and what an officer can do there.
    const depots = (await api('/api/depots')).depots as { code: string; name: string; lon: number; lat: number }[];
    const xl = depots.find((d) => d.code === 'XL-01')!;
    const at = await pointOf(page, [xl.lon, xl.lat]);
    await page.mouse.click(at.x, at.y);
    const panel = page.locator('[data-testid=map-side-panel]');
    await expect.poll(() => panel.textContent().catch(() => '')).toContain(xl.name);
    expect(await panel.locator('[data-testid=panel-actions]').textContent()).toContain('从本库计划调度');
    expect(await panel.locator('[data-testid=act-dispatch]').getAttribute('href')).toMatch(/^\/dispatch\?event=\d+&fromDepotId=\d+$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('map-side-title'); // focus moved into the panel
    await shot(page, 'map-officer-depot');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);

    // Without a pointer: choose a county from the list; its figures equal the county roll-up.
    const abg = await api('/api/events/1/summary?regionCode=152522');
    await page.selectOption('[data-testid=map-jump]', 'county:152522');
    await expect.poll(() => panel.textContent().catch(() => '')).toContain('阿巴嘎旗');
    await expect.poll(() => panel.locator('[data-testid=panel-figures]').textContent()).toContain(abg.figures.relocated.toLocaleString('zh-CN'));
    await expect.poll(() => panel.locator('[data-testid=panel-assessment]').textContent().catch(() => '')).toContain('应急响应研判');
    expect(await panel.locator('[data-testid=panel-actions]').textContent()).toContain('审核该地报告');
    await page.keyboard.press('Escape');

    // As of the hour the blizzard began nothing had been accepted: the legend is back to "no data".
    expect(await page.textContent('[data-testid=as-of-label]')).toBe('当前');
    const classesNow = await page.locator('[data-testid=map-legend] > div').count();
    expect(classesNow).toBeGreaterThan(1);
    await page.locator('[data-testid=as-of]').fill('0');
    await expect.poll(() => page.textContent('[data-testid=as-of-label]')).toMatch(/\d{4}\/\d{2}\/\d{2}/);
    await expect.poll(() => page.locator('[data-testid=map-legend] > div').count()).toBe(1);
    await page.locator('[data-testid=as-of]').fill(await page.locator('[data-testid=as-of]').getAttribute('max') ?? '0');
    await expect.poll(() => page.locator('[data-testid=map-legend] > div').count()).toBe(classesNow);
    expect(problems).toEqual([]);
  }, 120_000);

  it('a polygon drawn around the league sums every township\'s figures and every depot\'s stock; a radius sums a smaller area', async () => {
    const api = await apiAs('officer');
    const league = await api('/api/events/1/summary?regionCode=1525');
    const { page, problems } = await newPage(browser, { width: 1440, height: 900 });
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await openPlanningMap(page);
    await page.evaluate(() => window.__planningMap!.map.setZoom(window.__planningMap!.map.getZoom() - 1));
    await waitForMapIdle(page);

    const box = (await page.locator('[data-testid=planning-map] canvas').boundingBox())!;
    await page.click('[data-testid=draw-polygon]');
    for (const [fx, fy] of [[0.1, 0.1], [0.85, 0.1], [0.85, 0.9], [0.1, 0.9]]) await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    await page.keyboard.press('Enter');
    const sums = page.locator('[data-testid=selection-sums]');
    await expect.poll(() => sums.textContent().catch(() => '')).toContain('范围内有 99 个乡镇、5 个储备库');
    expect(await sums.locator('[data-testid=panel-figures]').textContent()).toContain(league.figures.relocated.toLocaleString('zh-CN'));
    expect(await sums.locator('[data-testid=panel-figures]').textContent()).toContain(league.figures.needEmergencyAid.toLocaleString('zh-CN'));
    expect(await sums.locator('[data-testid=sel-reported]').textContent()).toBe(String(league.townships));
    expect(await sums.locator('[data-testid=selection-stock] tr').count()).toBeGreaterThan(3);
    expect(await sums.locator('[data-testid=act-dispatch]').getAttribute('href')).toContain('regionCodes=');
    await shot(page, 'map-officer-polygon');

    // A 40 km radius around Xilinhot's depot: one depot, fewer townships.
    await page.click('[data-testid=panel-close]');
    await page.click('[data-testid=draw-radius]');
    const depots = (await api('/api/depots')).depots as { code: string; lon: number; lat: number }[];
    const xl = depots.find((d) => d.code === 'XL-01')!;
    const centre = await pointOf(page, [xl.lon, xl.lat]);
    const edge = await pointOf(page, [xl.lon + 0.5, xl.lat]); // ~40 km east at 44°N
    await page.mouse.click(centre.x, centre.y);
    await page.mouse.click(edge.x, edge.y);
    await expect.poll(() => sums.textContent().catch(() => '')).toMatch(/范围内有 \d+ 个乡镇、1 个储备库/);
    const n = Number(/范围内有 (\d+) 个乡镇/.exec((await sums.textContent())!)![1]);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(99);
    await waitForMapIdle(page);
    await screenshot(page, 'map-officer-radius');
    expect(problems).toEqual([]);
  }, 120_000);

  it('the admin switches the basemap to the PMTiles archive and the map reads it with range requests', async () => {
    const { page, problems } = await newPage(browser, { width: 1280, height: 800 });
    const ranges: number[] = [];
    page.on('response', (r) => r.url().includes('/api/tiles/demo.pmtiles') && ranges.push(r.status()));
    await signInAs(page, server.url, 'admin', ADMIN_PASSWORD);
    await expect.poll(() => page.textContent('[data-testid=home-basemap]'), { timeout: 15_000 }).toContain('/api/tiles/demo.pmtiles');
    await expect.poll(() => page.textContent('[data-testid=home-chain]')).toContain('审计链完整');
    await screenshot(page, 'home-admin');
    await page.click('.menu >> text=设置');
    await page.check('input[name=basemap][value=pmtiles]');
    await openPlanningMap(page);
    await expect.poll(() => ranges.length).toBeGreaterThan(0);
    expect(ranges.every((s) => s === 206)).toBe(true);
    await screenshot(page, 'map-admin-pmtiles');
    expect(problems).toEqual([]);
  }, 120_000);
});
