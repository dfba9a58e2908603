import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPassword, launchBrowser, newPage, screenshot, signInAs, startServer, waitForMapIdle, type E2EServer } from '../support/e2e';
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
    await expect.poll(() => phone.page.textContent('[data-testid=report-form]')).toContain('尚未报送');

    await phone.context.setOffline(true);
    await expect.poll(() => phone.page.textContent('[data-testid=network]')).toBe('离线');
    const fill = async (name: string, value: string) => phone.page.fill(`[data-testid=report-form] input[name=${name}]`, value);
    await fill('affected', '1500');
    await fill('relocated', '600');
    await fill('relocatedCentralized', '250');
    // Consistency is checked while typing: 250 + 0 ≠ 600.
    await expect.poll(() => phone.page.textContent('[data-testid=violations]')).toContain('应等于紧急转移安置人口');
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
    // A reload and a manual resend do not send it again.
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
    await expect.poll(() => desk.page.textContent('[data-testid=dash-notice]')).toContain('宝力根苏木');
    await expect.poll(() => desk.page.textContent('[data-testid=suggestion]')).toContain('应启动 II 级响应');
    expect(await desk.page.textContent('[data-testid=assessed-level]')).toBe('Ⅱ级');
    expect(await desk.page.textContent('[data-testid=assessment]')).toContain('紧急转移安置和需紧急生活救助 10,050 人 ≥ 10,000');
    await desk.page.evaluate(() => window.scrollTo(0, 0));
    await waitForMapIdle(desk.page);
    await screenshot(desk.page, 'reports-officer-dashboard');

    // Activating the suggested level writes the timeline with the assessment frozen at that moment.
    await desk.page.click('[data-testid=act-suggested]');
    await expect.poll(() => desk.page.textContent('[data-testid=active-level]')).toBe('Ⅱ级');
    await expect.poll(() => desk.page.textContent('[data-testid=timeline]')).toContain('锡林郭勒盟 启动 Ⅱ级');
    const after = await api(`/api/events/${event.id}/responses`);
    expect(after.responses.at(-1)).toMatchObject({ regionCode: '1525', action: 'activate', level: 2, actor: 'officer', assessment: { level: 2 } });
    expect(desk.problems).toEqual([]);
  }, 120_000);
});
