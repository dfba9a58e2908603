import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { generateValidIdNumber, maskIdNumber } from '../../api/modules/recovery/id-number';
import { demoPassword, launchBrowser, newPage, screenshot, signInAs, startServer, type E2EServer } from '../support/e2e';

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

const PHONE = { width: 390, height: 844 };
const TOWNSHIP = '152502200';          // 宝力根苏木, the demo reporter's
const ROSTER_VILLAGE = '152502200206'; // 希日塔拉嘎查
const NEW_VILLAGE = '152502200207';    // 萨如拉塔拉嘎查
const DAY = 86_400_000;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword(username) }),
  }).then((r) => r.json());
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${server.url}${path}`, {
      method, headers: { authorization: `Bearer ${login.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (p: string) => call('GET', p), post: (p: string, b: unknown) => call('POST', p, b), patch: (p: string, b: unknown) => call('PATCH', p, b) };
}

/** In-app navigation (no reload: with no network a reload could not fetch the page). */
async function go(page: Page, path: string) {
  await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
}
/** The problems left once each expected one is taken out (once: two alike where one was expected is a finding). */
function unexpected(problems: string[], expected: string[]) {
  const left = [...problems];
  for (const e of expected) {
    const i = left.indexOf(e);
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}
const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/**
 * The county puts a new household of the reporter's township on this winter's roster and takes it
 * to 县定 (notice posted for 8 days, ended yesterday), so township staff can hand out its money.
 */
async function countyDecidedHousehold() {
  const county = await apiAs('officer_xlht');
  const { household } = await county.post('/api/households', {
    headName: '斯琴', idNumber: generateValidIdNumber('152502', '19620214', 611), villageCode: ROSTER_VILLAGE, size: 2, flags: ['dibao'],
  });
  const campaign = (await county.get('/api/winter-relief/campaigns?regionCode=152502')).campaigns.at(-1);
  const { row } = await county.post('/api/winter-relief/roster', {
    campaignId: campaign.id, householdId: household.id, peopleNeedingAid: 2, needs: ['food', 'heating'], moneyFen: 24_000, goods: [], paymentMethod: 'one_card',
  });
  await county.post('/api/public-notices', { kind: 'winter_spring', villageCode: ROSTER_VILLAGE, campaignId: campaign.id,
    noticeStart: new Date(Date.now() - 8 * DAY).toISOString(), noticeEnd: new Date(Date.now() - DAY).toISOString() });
  for (const step of ['village_reviewed', 'township_checked', 'county_decided']) await county.patch(`/api/winter-relief/roster/${row.id}`, { step });
  return { county, household, rowId: row.id as number, campaignId: campaign.id as number };
}

describe('township staff on a phone with no signal', () => {
  it('register a household and record a distribution offline; both wait as 待发送 and arrive exactly once when the network returns', async () => {
    const { county, household: rosterHousehold, rowId, campaignId } = await countyDecidedHousehold();
    const idNumber = generateValidIdNumber('152502', '19780512', 901);

    const phone = await newPage(browser, PHONE);
    const p = phone.page;
    await phone.context.route((url) => !url.toString().startsWith(server.url), (route) => route.abort());
    // Requests that fail because the test cut the network are told apart from real failures:
    // only those made while offline with "internet disconnected", and the one answer dropped on purpose.
    let offline = false;
    const expectedFailures: string[] = [];
    const offlineRequests: { method: string; url: string }[] = [];
    p.on('requestfailed', (r: Request) => {
      const text = `requestfailed: ${r.url()} ${r.failure()?.errorText}`;
      if (offline && r.failure()?.errorText === 'net::ERR_INTERNET_DISCONNECTED') {
        expectedFailures.push(text);
        offlineRequests.push({ method: r.method(), url: r.url() });
      }
    });
    p.on('console', (m) => {
      if (m.type() === 'error' && offline && /ERR_INTERNET_DISCONNECTED/.test(m.text())) expectedFailures.push(`console: ${m.text()}`);
    });

    await signInAs(p, server.url, 'reporter', demoPassword('reporter'));
    // Once online, each form keeps what it needs on the device: the villages, the decided roster.
    await p.click('.menu a:has-text("登记受灾户")');
    await expect.poll(() => p.$$eval('select[name=villageCode] option', (os) => os.length)).toBeGreaterThan(5);
    await p.click('.menu a:has-text("冬春救助发放")');
    await p.waitForSelector(`[data-testid=dist-list] li[data-row="${rowId}"][data-state=open]`);

    // The signal goes.
    await phone.context.setOffline(true);
    offline = true;
    await expect.poll(() => p.textContent('[data-testid=network]')).toBe('离线');

    // 1. Register a household.
    await go(p, '/township/register');
    await p.waitForSelector('[data-testid=register-form]');
    expect(await p.textContent('[data-testid=network]')).toBe('离线');
    await p.fill('input[name=headName]', '阿拉坦');
    await p.fill('input[name=idNumber]', idNumber);
    await expect.poll(() => p.textContent('[data-testid=register-form]')).toContain('号码校验通过');
    await p.selectOption('select[name=villageCode]', NEW_VILLAGE);
    await p.fill('input[name=size]', '4');
    await p.check('input[name=flag-disabled]');
    await p.fill('input[name=phone]', '13847912345');
    expect(await p.textContent('[data-testid=register-form] button[type=submit]')).toContain('保存到本机');
    await p.click('[data-testid=register-form] button[type=submit]');
    await p.waitForSelector('[data-testid=register-queued]');
    expect(await p.textContent('[data-testid=register-queued]')).toContain('阿拉坦');
    await p.waitForSelector('[data-testid=outbox] li[data-kind=household][data-state=pending]');
    expect(await p.textContent('[data-testid=outbox] li[data-kind=household]')).toContain('待发送');
    expect(await p.inputValue('input[name=headName]')).toBe('');   // ready for the next family
    expect(await fitsPhone(p)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(p, 'township-register-offline');

    // 2. Record the money handed to the roster household, from the list kept on the device.
    await go(p, '/township/distributions');
    await p.waitForSelector(`[data-testid=dist-list] li[data-row="${rowId}"]`);
    expect(await p.textContent('[data-testid=distribute-page]')).toContain('联网时保存的名单');
    const row = `[data-testid=dist-list] li[data-row="${rowId}"]`;
    expect(await p.textContent(row)).toContain('斯琴');
    expect(await p.textContent(row)).toContain('240.00 元');
    await p.click(`${row} [data-testid=record-${rowId}]`);
    await p.waitForSelector(`${row} [data-testid=dist-form]`);
    expect(await p.isDisabled(`${row} input[name=kind][value=goods]`)).toBe(true);  // goods leave a depot: not the township's to record
    expect(await p.$eval(`${row} select[name=allocationId]`, (s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? '')).toContain('财社〔2026〕203号');
    await p.click(`${row} [data-testid=dist-submit]`);
    await p.waitForSelector(`${row}[data-state=queued]`);
    expect(await p.textContent(row)).toContain('待发送');
    await p.waitForSelector('[data-testid=outbox] li[data-kind=distribution][data-state=pending]');
    expect(await fitsPhone(p)).toBeLessThanOrEqual(PHONE.width);
    await p.locator(row).scrollIntoViewIfNeeded();
    await screenshot(p, 'township-distribution-offline');

    // 3. The outbox holds both; nothing has reached the server.
    await go(p, '/township/outbox');
    await p.waitForSelector('[data-testid=outbox-all] li[data-state=pending] >> nth=1');
    expect(await p.textContent('[data-testid=outbox-summary]')).toContain('2 条等待发送');
    expect(await p.textContent('[data-testid=outbox-all]')).toContain('受灾户登记');
    expect(await p.textContent('[data-testid=outbox-all]')).toContain('救助发放');
    expect(await fitsPhone(p)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(p, 'township-outbox-offline');
    expect((await county.get(`/api/households?idNumber=${idNumber}`)).households).toHaveLength(0);
    expect((await county.get(`/api/winter-relief/roster?campaignId=${campaignId}`)).rows.find((r: Json) => r.id === rowId).distributions).toHaveLength(0);

    // 4. The network returns, but the first answer is lost on the way back (the server did register
    //    the household): the write stays 待发送 and is resent with the same key.
    let dropped = 0;
    await phone.context.route('**/api/households', async (route) => {
      if (route.request().method() !== 'POST' || dropped > 0) return route.fallback();
      dropped++;
      await route.fetch();                    // the server answers…
      expectedFailures.push(`requestfailed: ${route.request().url()} net::ERR_CONNECTION_RESET`,
        'console: Failed to load resource: net::ERR_CONNECTION_RESET');
      await route.abort('connectionreset');    // …and the phone never hears it
    });
    offline = false;
    await phone.context.setOffline(false);
    await expect.poll(() => p.textContent('[data-testid=network]')).toBe('在线');
    await expect.poll(() => dropped, { timeout: 10_000 }).toBe(1);
    await p.waitForSelector('[data-testid=outbox-all] li[data-kind=household][data-state=pending]');
    await p.click('text=立即发送');
    await p.waitForSelector('[data-testid=outbox-all] li[data-kind=household][data-state=sent]', { timeout: 15_000 });
    await p.waitForSelector('[data-testid=outbox-all] li[data-kind=distribution][data-state=sent]', { timeout: 15_000 });
    expect(await p.textContent('[data-testid=outbox-summary]')).toContain('0 条等待发送');
    await screenshot(p, 'township-outbox-synced');

    // A reload sends nothing again.
    await p.reload();
    await p.waitForSelector('[data-testid=outbox-all] li[data-state=sent] >> nth=1');
    expect(await p.$$('[data-testid=outbox-all] li[data-state=pending]')).toHaveLength(0);
    await p.waitForTimeout(500);

    // Exactly one household and one distribution reached the server.
    const registered = (await county.get(`/api/households?idNumber=${idNumber}`)).households;
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ headName: '阿拉坦', villageCode: NEW_VILLAGE, size: 4, flags: ['disabled'] });
    const paidRow = (await county.get(`/api/winter-relief/roster?campaignId=${campaignId}`)).rows.find((r: Json) => r.id === rowId);
    expect(paidRow.distributions).toHaveLength(1);
    expect(paidRow.distributions[0]).toMatchObject({ kind: 'money', amountFen: 24_000 });
    const payments = (await county.get('/api/funds/payments?regionCode=152502&category=winter_spring&limit=1000')).payments
      .filter((x: Json) => x.householdId === rosterHousehold.id);
    expect(payments).toHaveLength(1);

    // The handout list shows the household as received; the sent registration links to the household.
    await go(p, '/township/distributions');
    await p.waitForSelector(`[data-testid=dist-list] li[data-row="${rowId}"][data-state=paid]`);
    expect(await p.textContent(`[data-testid=dist-list] li[data-row="${rowId}"]`)).toContain('已发放');
    await go(p, '/township/outbox');
    await p.click('[data-testid=outbox-all] li[data-kind=household] >> text=查看');
    await p.waitForSelector('[data-testid=household-facts]');
    expect(await p.textContent('[data-testid=household-facts]')).toContain(maskIdNumber(idNumber));
    expect(await fitsPhone(p)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(p, 'township-household-after-sync');

    // What failed is exactly what the test cut, and while offline the phone sent no write at all.
    expect(dropped).toBe(1);
    expect(offlineRequests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(unexpected(phone.problems, expectedFailures)).toEqual([]);

    // The county officer then computes and pays the new family's transitional living aid.
    const desk = await newPage(browser);
    await signInAs(desk.page, server.url, 'officer_xlht', demoPassword('officer_xlht'));
    const d = desk.page;
    await go(d, `/recovery/aid?householdId=${registered[0].id}`);
    await expect.poll(() => d.$eval('[data-testid=transitional-form] select[name=householdId]', (s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? '')
      .catch(() => ''), { timeout: 10_000 }).toContain('阿拉坦');
    await expect.poll(() => d.inputValue('[data-testid=transitional-form] input[name=people]')).toBe('4');
    await d.fill('[data-testid=transitional-form] input[name=people]', '3');
    await d.fill('[data-testid=transitional-form] input[name=days]', '120');
    // 3 people × 90 days (the cap) × 20 元.
    await expect.poll(() => d.textContent('[data-testid=aid-estimate]')).toContain('5,400.00 元');
    expect(await d.textContent('[data-testid=transitional-form] [data-testid=standard-source]')).toContain('过渡期生活救助');
    await d.click('[data-testid=transitional-form] button[type=submit]');
    await expect.poll(() => d.textContent('[data-testid=aid-notice]')).toContain('已核定：阿拉坦 5,400.00 元');
    const aid = (await county.get('/api/transitional-aid?regionCode=152502')).records.find((r: Json) => r.householdId === registered[0].id);
    expect(aid).toMatchObject({ people: 3, days: 90, daysRequested: 120, amountFen: 540_000, paymentId: null });
    await d.click(`[data-testid=pay-${aid.id}]`);
    await expect.poll(() => d.$eval('[data-testid=aid-pay-form] select[name=allocationId]', (s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? '')
      .catch(() => ''), { timeout: 10_000 }).toContain('内财社〔2026〕97号');
    await d.click('[data-testid=aid-pay-submit]');
    await d.waitForSelector(`[data-testid=paid-${aid.id}]`);
    expect(await d.textContent('[data-testid=aid-notice]')).toContain('已发放：阿拉坦 5,400.00 元');
    await screenshot(d, 'recovery-transitional-aid-paid');
    const paid = (await county.get('/api/funds/payments?regionCode=152502&category=transitional&limit=1000')).payments
      .filter((x: Json) => x.householdId === registered[0].id);
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ amountFen: 540_000, sourceKind: 'transitional_aid', sourceId: aid.id });
    expect(desk.problems).toEqual([]);
  }, 120_000);
});
