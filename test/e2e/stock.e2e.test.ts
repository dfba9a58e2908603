import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPassword, launchBrowser, newPage, screenshot, signInAs, startServer, waitForMapIdle, type E2EServer } from '../support/e2e';

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

const XL = '锡林郭勒盟救灾物资储备库';
const ABG = '阿巴嘎旗救灾物资储备库';
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

async function openDepot(page: Page, name: string) {
  await page.click('.menu >> text=储备库');
  await waitForMapIdle(page);
  await page.click(`[data-testid=depot-list] >> text=${name}`);
  await page.waitForSelector('[data-testid=depot-head]');
  await expect.poll(() => page.textContent('[data-testid=depot-head] h2')).toContain(name);
}

async function record(page: Page, kind: string, fields: Record<string, string>, selects: Record<string, string> = {}) {
  const form = '[data-testid=movement-form]';
  await page.click(`${form} button[data-kind=${kind}]`);
  for (const [name, label] of Object.entries(selects)) await page.selectOption(`${form} select[name=${name}]`, { label });
  for (const [name, value] of Object.entries(fields)) await page.fill(`${form} input[name=${name}]`, value);
  await page.click(`${form} button[type=submit]`);
  await expect.poll(() => page.textContent(`${form} [role=status]`).catch(() => '')).toContain('已登记');
}

describe('a transfer between depots, with damage on the road', () => {
  it('the league keeper receives quilts and sends 30 to Abag; its keeper books 28 good and 2 damaged', { timeout: 90_000 }, async () => {
    const { page, problems } = await newPage(browser);
    await signInAs(page, server.url, 'keeper', demoPassword('keeper'));
    await openDepot(page, XL);
    await record(page, 'receipt', { quantity: '100', batchNo: 'E2E-QUILT-001', expiresOn: inAYear, origin: '内蒙古包头' }, { itemId: '棉被（床）' });
    await record(page, 'transfer', { quantity: '30', batchNo: 'E2E-QUILT-001' }, { itemId: '棉被（床）', toDepotId: `${ABG}（ABG-01）` });
    await expect.poll(() => page.textContent('[data-testid=ledger]')).toContain('E2E-QUILT-001');
    expect(await page.textContent('[data-testid=ledger]')).toContain('调出');
    await page.click('text=退出');
    await page.waitForSelector('input[name=username]');

    await signInAs(page, server.url, 'keeper_abg', demoPassword('keeper_abg'));
    await openDepot(page, ABG);
    const form = page.locator('[data-testid=incoming] form:has-text("E2E-QUILT-001")');
    await form.locator('input[name=receivedQuantity]').fill('28');
    await form.locator('input[name=damagedQuantity]').fill('2');
    await form.locator('input[name=lossReason]').fill('外包装破损，两床受潮');
    await form.locator('input[name=receiverName]').fill('巴特尔');
    await form.locator('button[type=submit]').click();
    const booked = page.locator('[data-testid=incoming] [data-booked]');
    await expect.poll(() => booked.textContent().catch(() => '')).toContain('完好 28，损坏 2，短少 0');
    await expect.poll(() => page.locator('[data-testid=incoming] form:has-text("E2E-QUILT-001")').count()).toBe(0);
    await booked.scrollIntoViewIfNeeded();
    await screenshot(page, 'stock-abg-delivery-booked');
    await page.evaluate(() => window.scrollTo(0, 0));

    await page.click('[data-testid=stock-table] >> text=棉被');
    await expect.poll(() => page.locator('[data-testid=stock-table] tr[data-batch="E2E-QUILT-001"]').textContent().catch(() => '')).toContain('28');
    expect(await page.textContent('[data-testid=ledger]')).toContain('调入');
    await screenshot(page, 'stock-abg-received-with-damage');
    expect(problems).toEqual([]);
  });

  it('the league officer sees the reserve gaps on the map and the expired batches in the alerts', async () => {
    const { page, problems } = await newPage(browser);
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await page.click('.menu >> text=储备缺口');
    await waitForMapIdle(page);
    await expect.poll(() => page.locator('[data-testid=adequacy-depots] tbody tr').count()).toBeGreaterThan(5);
    await screenshot(page, 'stock-officer-adequacy');
    await page.click('.menu >> text=库存预警');
    await expect.poll(() => page.textContent('[data-testid=alerts-expired]')).toContain('应急食品');
    await screenshot(page, 'stock-officer-alerts');
    expect(problems).toEqual([]);
  });
});
