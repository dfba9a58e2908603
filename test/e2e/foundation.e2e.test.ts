import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot, signInAs, startServer, waitForMapIdle, type E2EServer } from '../support/e2e';

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

describe('signing in and seeing my region', () => {
  it('the demo league officer sees Xilin Gol county boundaries with Chinese labels, offline, and can switch to English', async () => {
    const { page, problems, context } = await newPage(browser);
    // No internet: anything that is not our own server fails the test.
    await context.route((url) => !url.toString().startsWith(server.url), (route) => route.abort());
    await signInAs(page, server.url, 'officer', 'officer-demo-2026');
    await waitForMapIdle(page);
    await expect.poll(() => page.evaluate(() => window.__planningMap?.renderedLabels({ id: 'boundaries' }) ?? []), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['锡林浩特市', '阿巴嘎旗', '东乌珠穆沁旗']));
    await expect.poll(() => page.textContent('[data-testid=region-card]')).toContain('锡林郭勒盟');
    await screenshot(page, 'foundation-officer-map-zh');

    await page.click('text=English');
    await expect.poll(() => page.textContent('.menu')).toContain('Map');
    expect(await page.textContent('[data-testid=region-card]')).toContain('Population');
    await screenshot(page, 'foundation-officer-map-en');
    expect(problems).toEqual([]);
  });

  it('a wrong password shows a clear message and no map', async () => {
    const { page, problems } = await newPage(browser);
    await page.goto(server.url);
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'not-the-password-1');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toContain('用户名或密码错误');
    // The refused sign-in itself is an expected 401 in the console; nothing else may fail.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });

  it('the admin creates a user scoped to a county from the users page', async () => {
    const { page, problems } = await newPage(browser);
    await signInAs(page, server.url, 'admin', 'admin-e2e-2026');
    await page.click('text=用户管理');
    await page.fill('[data-testid=new-user] input[name=username]', 'duolun_officer');
    await page.fill('[data-testid=new-user] input[name=password]', 'duolun-2026-ok');
    await page.fill('#user-region', '多伦');
    await page.click('.region-picker .hits li:has-text("多伦县")');
    await page.click('[data-testid=new-user] button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=users-table]')).toContain('duolun_officer');
    expect(await page.textContent('[data-testid=users-table]')).toContain('152531');
    await screenshot(page, 'foundation-admin-users');
    expect(problems).toEqual([]);
  });
});
