import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateValidIdNumber, maskIdNumber } from '../../api/modules/recovery/id-number';
import { ARTIFACTS, demoPassword, launchBrowser, newPage, screenshot, signInAs, startServer, waitForMapIdle, type E2EServer } from '../support/e2e';

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
const DAY = 86_400_000;
/** A datetime-local value in Beijing time (the browser runs in Asia/Shanghai), `days` ago. */
const localDaysAgo = (days: number) => new Date(Date.now() - days * DAY + 8 * 3600_000).toISOString().slice(0, 16);
/** In-app navigation (no reload), as a click on a link would do: nothing in flight is cut off. */
async function go(page: Page, path: string) {
  await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
}
const status = (page: Page) => page.getAttribute('[data-testid=case-detail]', 'data-status');

async function takeStep(page: Page, action: string, expected: string, fields: Record<string, string> = {}) {
  await page.check(`[data-testid=advance-form] input[name=action][value=${action}]`);
  for (const [name, value] of Object.entries(fields)) await page.fill(`[data-testid=advance-form] [name=${name}]`, value);
  await page.click('[data-testid=advance-submit]');
  await expect.poll(() => status(page), { timeout: 10_000 }).toBe(expected);
}

describe('recovery: from a phone registration to moving in', () => {
  it('township staff register a household on a phone, the case goes through every step to 入住, and the village notice prints', async () => {
    const idNumber = generateValidIdNumber('152502', '19850317', 777);
    const phone = await newPage(browser, PHONE);
    const p = phone.page;
    await signInAs(p, server.url, 'reporter', demoPassword('reporter'));

    // Registration on a phone: the ID number is checked as it is typed.
    await p.click('.menu a:has-text("恢复重建")');
    await p.click('.rec-tabs a:has-text("受灾户登记")');
    await p.click('[data-testid=new-household]');
    await p.fill('input[name=headName]', '乌日娜');
    await p.fill('input[name=idNumber]', idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1'));
    await expect.poll(() => p.textContent('[data-testid=register-form]')).toContain('身份证号码无效');
    await p.fill('input[name=idNumber]', idNumber);
    await expect.poll(() => p.textContent('[data-testid=register-form]')).toContain('号码校验通过');
    await p.selectOption('select[name=villageCode]', '152502200205');
    await p.fill('input[name=size]', '3');
    await p.check('input[name=flag-dibao]');
    await p.fill('input[name=phone]', '13904795566');
    await p.fill('input[name=bankCard]', '6217 0000 8888 1234 567');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(p, 'recovery-register-phone');
    await p.click('[data-testid=register-form] button[type=submit]');

    // The damaged house goes on the ledger straight away.
    await p.waitForSelector('[data-testid=file-case]');
    expect(await p.textContent('[data-testid=file-case]')).toContain(maskIdNumber(idNumber));
    await p.selectOption('select[name=damageClass]', 'collapsed');
    await p.fill('input[name=rooms]', '2');
    await p.fill('input[name=disasterAt]', localDaysAgo(12));
    await p.fill('input[name=inspectedAt]', localDaysAgo(10));
    await p.check('input[name=soleHome]');
    await p.click('[data-testid=file-case] button[type=submit]');
    await p.waitForSelector('[data-testid=case-detail]');
    expect(await status(p)).toBe('inspected');
    const casePath = new URL(p.url()).pathname;

    // 户申请, recorded as of nine days ago (the paper application came first).
    await takeStep(p, 'apply', 'applied', { at: localDaysAgo(9) });

    // The village posts its notice for eight days, ended yesterday; the notice prints.
    await go(p, '/recovery/notices');
    await p.selectOption('[data-testid=notice-form] select[name=kind]', 'rebuild');
    await p.selectOption('[data-testid=notice-form] select[name=villageCode]', '152502200205');
    await p.fill('[data-testid=notice-form] input[name=noticeStart]', localDaysAgo(8));
    await p.fill('[data-testid=notice-form] input[name=noticeEnd]', localDaysAgo(1));
    await p.click('[data-testid=notice-form] button[type=submit]');
    await p.waitForSelector('[data-testid=notice-sheet]');
    const sheet = await p.textContent('[data-testid=notice-sheet]');
    expect(sheet).toContain('额尔敦塔拉嘎查因灾倒损住房恢复重建补助公示');
    expect(sheet).toContain('乌日娜');
    expect(sheet).toContain(maskIdNumber(idNumber));
    expect(sheet).toContain('15,000.00');
    expect(await p.content()).not.toContain(idNumber);
    const desk = await newPage(browser);
    await signInAs(desk.page, server.url, 'reporter', demoPassword('reporter'));
    await go(desk.page, new URL(p.url()).pathname);
    await desk.page.waitForSelector('[data-testid=notice-sheet]');
    await desk.page.emulateMedia({ media: 'print' });
    expect(await desk.page.isVisible('.topbar')).toBe(false);
    await screenshot(desk.page, 'recovery-notice-print');
    await desk.page.pdf({ path: join(ARTIFACTS, 'recovery-notice.pdf'), format: 'A4' });
    expect(desk.problems).toEqual([]);

    // 村评议 → 乡审核 by the township, on the phone.
    await go(p, casePath);
    await p.waitForSelector('[data-testid=case-detail]');
    expect(await status(p)).toBe('notice');
    await takeStep(p, 'village_approve', 'village_approved');
    await takeStep(p, 'township_approve', 'township_reviewed');
    await expect.poll(() => p.textContent('[data-testid=next-actions]')).toContain('您没有可办理的下一步');

    // 县审批 by the Xilinhot officer, who fixes the subsidy and pays the first instalment.
    const county = await newPage(browser);
    await signInAs(county.page, server.url, 'officer_xlht', demoPassword('officer_xlht'));
    await go(county.page, casePath);
    await county.page.waitForSelector('[data-testid=case-detail]');
    await takeStep(county.page, 'county_approve', 'county_approved');
    await expect.poll(() => county.page.textContent('[data-testid=subsidy]')).toContain('15,000.00');
    await county.page.waitForSelector('[data-testid=pay-form]');
    await county.page.fill('[data-testid=pay-form] input[inputmode=decimal]', '6000');
    await county.page.click('[data-testid=pay-form] button[type=submit]');
    await expect.poll(() => county.page.textContent('[data-testid=subsidy]')).toContain('6,000.00');
    await screenshot(county.page, 'recovery-case-county');
    expect(county.problems).toEqual([]);

    // 开工 → 竣工 → 入住, back on the phone (still on the case page: reload it).
    await p.reload();
    await p.waitForSelector('[data-testid=case-detail]');
    await takeStep(p, 'start_construction', 'started');
    await takeStep(p, 'complete_construction', 'completed');
    await takeStep(p, 'move_in', 'moved_in');
    expect(await p.textContent('[data-testid=case-history]')).toContain('入住');
    await screenshot(p, 'recovery-case-moved-in-phone');
    expect(phone.problems).toEqual([]);
  }, 120_000);
});

describe('recovery: the officers’ screens', () => {
  it('the league sees the progress board, the recovery map, a roster duplicate warning, a spot check and the funds', async () => {
    const { page, problems } = await newPage(browser);
    await signInAs(page, server.url, 'officer', demoPassword('officer'));
    await go(page, '/recovery');
    await page.waitForSelector('[data-testid=rebuild-board] tr[data-county="152502"]');
    expect(await page.textContent('[data-testid=rebuild-board] tr[data-county="152502"]')).toContain('锡林浩特市');
    expect(await page.textContent('[data-testid=overdue-list]')).toContain('逾期');
    await screenshot(page, 'recovery-board');

    await go(page, '/recovery/map');
    await waitForMapIdle(page);
    await screenshot(page, 'recovery-map');

    await go(page, '/recovery/roster');
    await page.waitForSelector('[data-testid=roster-page] select');
    const abaga = await page.$eval('[data-testid=roster-page] select', (s) =>
      [...(s as HTMLSelectElement).options].find((o) => o.text.includes('阿巴嘎旗'))!.value);
    await page.selectOption('[data-testid=roster-page] select', abaga);
    await expect.poll(() => page.textContent('[data-testid=roster-table]')).toContain('同一身份证号码在 152502、152522 的本年度花名册上');
    await screenshot(page, 'recovery-roster-duplicate');

    await go(page, '/recovery/spot-checks');
    await page.selectOption('[data-testid=draw-form] select >> nth=1', '152502');
    await page.fill('[data-testid=draw-form] input', 'e2e-2026');
    await page.click('[data-testid=draw-form] button[type=submit]');
    await page.click('text=e2e-2026 >> xpath=../td[1]/a');
    await expect.poll(() => page.textContent('[data-testid=spot-check]')).toContain('可复现');
    await screenshot(page, 'recovery-spot-check');

    await go(page, '/recovery/funds');
    await expect.poll(() => page.textContent('[data-testid=funds-summary]')).toContain('倒损住房恢复重建');
    await screenshot(page, 'recovery-funds');
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('recovery: the county’s other work and the township’s needs survey', () => {
  it('the county corrects a household, pays a requisition, sets its own rebuild rate; a township reports winter needs on a phone', async () => {
    const { page, problems } = await newPage(browser);
    await signInAs(page, server.url, 'officer_xlht', demoPassword('officer_xlht'));

    // A correction from the households list: only what changed is sent.
    await go(page, '/recovery/households');
    await page.fill('input[type=search]', '巴图');
    await page.waitForSelector('[data-testid=households] li:has-text("巴图") >> text=查看 / 修改');
    await page.click('[data-testid=households] li:has-text("巴图") >> text=查看 / 修改');
    await page.waitForSelector('[data-testid=household-edit]');
    expect(await page.isDisabled('[data-testid=household-save]')).toBe(true);
    await page.fill('[data-testid=household-edit] input[name=address]', '伊利勒特嘎查三组');
    await page.click('[data-testid=household-save]');
    await expect.poll(() => page.textContent('[data-testid=household-saved]')).toBe('已更正：住址');
    expect(await page.textContent('[data-testid=household-facts]')).toContain('伊利勒特嘎查三组');

    // 征用补偿: a loader held 11 days, returned damaged, paid against a voucher.
    await go(page, '/recovery/requisitions');
    const day = (d: number) => localDaysAgo(d).slice(0, 10);
    const form = '[data-testid=requisition-form]';
    await page.selectOption(`${form} select[name=kind]`, 'equipment');
    await page.fill(`${form} input[name=description]`, '装载机 ZL50（演示）');
    await page.fill(`${form} input[name=ownerName]`, '锡林浩特市恒通工程队');
    await page.fill(`${form} input[name=periodStart]`, day(10));
    await page.fill(`${form} input[name=periodEnd]`, day(0));
    await page.fill(`${form} input[name=rate]`, '800');
    await page.check(`${form} input[name=returned]`);
    await page.selectOption(`${form} select[name=condition]`, 'damaged');
    await page.fill(`${form} input[name=damage]`, '1500');
    await expect.poll(() => page.textContent('[data-testid=req-estimate]')).toContain('10,300.00 元');
    await page.click(`${form} button[type=submit]`);
    await expect.poll(() => page.textContent('[data-testid=req-notice]')).toContain('补偿 10,300.00 元');
    const card = '[data-testid=requisitions] li:has-text("装载机 ZL50")';
    expect(await page.getAttribute(card, 'data-status')).toBe('returned');
    await page.click(`${card} >> text=支付补偿`);
    await page.fill(`${card} input[name=voucherNo]`, '锡应急付〔2026〕88号');
    await page.click(`${card} [data-testid=req-pay-form] button[type=submit]`);
    await expect.poll(() => page.getAttribute(card, 'data-status')).toBe('paid');
    expect(await page.textContent(card)).toContain('锡应急付〔2026〕88号');
    await screenshot(page, 'recovery-requisitions');

    // The county sets its own per-room rate for collapsed houses, with its source; the example follows.
    await go(page, '/recovery/standards');
    await page.click('[data-testid=edit-rebuild]');
    const std = '[data-testid=std-form-rebuild]';
    await page.fill(`${std} input[name="perRoom.collapsed"]`, '5500');
    await expect.poll(() => page.textContent('[data-testid=std-problem]')).toContain('请填写依据文件');
    await page.fill(`${std} textarea[name=source]`, '锡林浩特市倒损住房恢复重建补助标准（锡政办发〔2026〕12号，演示）');
    // 3 rooms × 5,500 = 16,500 (under the 20,000 cap) + 5,000 for a 低保 family.
    await expect.poll(() => page.textContent('[data-testid=std-example]')).toContain('21,500.00 元');
    await page.click('[data-testid=std-save-rebuild]');
    await expect.poll(() => page.textContent('[data-testid=standards-notice]')).toContain('已保存');
    const rebuildCard = '[data-testid=standards-page] section[data-kind=rebuild]';
    expect(await page.textContent(rebuildCard)).toContain('本级制定');
    expect(await page.textContent(rebuildCard)).toContain('5,500.00 元');
    expect(await page.textContent(rebuildCard)).toContain('锡政办发〔2026〕12号');
    await screenshot(page, 'recovery-standards');
    expect(problems).toEqual([]);

    // 需求调查 on a phone: the sumu corrects its line (a resubmission replaces it).
    const phone = await newPage(browser, PHONE);
    await signInAs(phone.page, server.url, 'reporter', demoPassword('reporter'));
    const p = phone.page;
    await go(p, '/recovery/survey');
    await p.waitForSelector('[data-testid=survey-form]');
    await expect.poll(() => p.inputValue('[data-testid=survey-form] input[name=foodPeople]')).toBe('86');
    expect(await p.textContent('[data-testid=survey-form]')).toContain('再次提交将替换原数据');
    await p.fill('[data-testid=survey-form] input[name=foodPeople]', '95');
    await p.click('[data-testid=survey-form] button[type=submit]');
    await expect.poll(() => p.textContent('[data-testid=survey-notice]')).toContain('宝力根苏木');
    expect(await p.textContent('[data-testid=survey-table] tr[data-township="152502200"]')).toContain('95');
    expect(await p.textContent('[data-testid=campaign-report]')).toContain('已上报');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(p, 'recovery-survey-phone');
    expect(phone.problems).toEqual([]);
  }, 90_000);
});
