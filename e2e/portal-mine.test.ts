/**
 * 我的上报 on a phone (390×844): a citizen reports anonymously, leaving his number for the call-back; later he signs
 * in with that number — the SMS code sits in the outbox of this install without an SMS gateway, and the
 * administrator reads it in the console's message log (1366×768) and passes it on — sees the report in 我的上报,
 * opens its timeline, finds his number filled in and locked on a new report, and signs out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gridOf, pointInGrid, type TestServer } from '../apps/server/test/harness.ts';
import { chooseOption, closeJourney, openJourney, phonePage, shot, signIn } from './journey.ts';

const PHONE = '13912340001';
const WORDS = '小区东门路灯连续三晚不亮，老人晚上出门看不清台阶';
let s: TestServer;
let browser: Browser;
let here: { lng: number; lat: number };

beforeAll(async () => {
  ({ s, browser } = await openJourney());
  here = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
});
afterAll(() => closeJourney(s, browser));

/** The administrator opens the message log, picks the sign-in codes and reads the newest one's text. */
async function codeFromMessageLog(): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await signIn(page, s.base, 'admin');
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();
  await page.getByRole('tab', { name: '消息记录' }).click();
  const filters = page.getByRole('form', { name: '消息记录' });
  await chooseOption(page, filters, '模板', '登录', '随手拍登录验证码');
  const log = page.getByRole('table', { name: '消息记录' });
  await expect.poll(() => log.getByRole('row').count()).toBe(2);
  const row = log.getByRole('row').nth(1);
  expect(await row.innerText()).toMatch(new RegExp(`手机 ${PHONE}[\\s\\S]*已存储`));
  await row.getByRole('button', { name: /^详情/ }).click();
  const detail = page.getByRole('dialog', { name: /消息详情/ });
  await detail.getByText('随手拍登录验证码（citizen.sign_in_code）').waitFor();
  await shot(page, 'portal-mine-admin-log-1366');
  const code = /验证码(\d{6})/.exec(await detail.innerText())?.[1];
  await context.close();
  expect(code).toMatch(/^\d{6}$/);
  return code!;
}

it('a citizen who reported with his number signs in by SMS code, finds the report in 我的上报, follows it and signs out', async () => {
  const { context, page } = await phonePage(browser, { at: here, accuracy: 10 });

  // Anonymous, with his number for the call-back.
  await page.goto(`${s.base}/portal/report`);
  await page.getByText('已定位').waitFor();
  await page.getByLabel('问题描述').fill(WORDS);
  await page.getByLabel('手机号（选填，用于回访）').fill(PHONE);
  await page.getByLabel('匿名反映').click();
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('提交成功').waitFor();
  const code = (await page.getByRole('region', { name: '您的查询码' }).innerText()).match(/Q[0-9A-Z]{10}/)![0];

  // Later: 我的, sign in with the number.
  await page.goto(`${s.base}/portal/`);
  await page.getByRole('navigation').getByText('我的').click();
  const form = page.getByRole('region', { name: '手机号登录' });
  await form.waitFor();
  await shot(page, 'portal-mine-sign-in');
  await form.getByLabel('手机号').fill('1391234');
  await form.getByRole('button', { name: '获取验证码' }).click();
  await form.getByText('请输入 11 位手机号码').waitFor();
  await form.getByLabel('手机号').fill(PHONE);
  await form.getByRole('button', { name: '获取验证码' }).click();
  await form.getByText('验证码已发送至 139****0001，5 分钟内有效').waitFor();
  await expect.poll(() => form.getByRole('button', { name: /秒后重新获取/ }).isDisabled()).toBe(true);
  await shot(page, 'portal-mine-code-sent');

  const smsCode = await codeFromMessageLog();

  // A wrong code is refused at its field; the right one signs in.
  const wrong = String((Number(smsCode) + 1) % 1_000_000).padStart(6, '0');
  await form.getByLabel('验证码').fill(wrong);
  await form.getByRole('button', { name: '登录' }).click();
  await form.getByText('验证码错误或已失效，请重新获取').waitFor();
  await shot(page, 'portal-mine-wrong-code');
  await form.getByLabel('验证码').fill(smsCode);
  await form.getByRole('button', { name: '登录' }).click();

  const mine = page.getByRole('region', { name: '我的上报' });
  await mine.waitFor();
  await page.getByText('139****0001').waitFor();
  const report = mine.getByRole('link').filter({ hasText: WORDS });
  await report.waitFor();
  expect(await report.innerText()).toContain(`查询码 ${code}`);
  expect(await report.innerText()).toContain('待受理');
  expect(await mine.getByRole('link').count()).toBe(1);
  await shot(page, 'portal-mine-reports');

  // Its timeline, and back to 我的.
  await report.click();
  await page.getByRole('region', { name: '办理过程' }).waitFor();
  expect(page.url()).toContain(`/portal/track/${code}`);
  await page.getByText(WORDS).waitFor();
  await shot(page, 'portal-mine-track');
  await page.getByRole('img', { name: '返回' }).click();
  await mine.waitFor();

  // A new report: his number, filled in and locked.
  await page.getByRole('navigation').getByText('首页').click();
  await page.getByRole('button', { name: '我要反映' }).click();
  const phone = page.getByLabel('手机号（选填，用于回访）');
  await expect.poll(() => phone.inputValue()).toBe(PHONE);
  expect(await phone.isEditable()).toBe(false);
  await page.getByText('已登录，办结后按登录手机号回访').waitFor();
  await phone.scrollIntoViewIfNeeded();
  await shot(page, 'portal-mine-report-locked');

  // 退出登录: the sign-in form again, and the session is over on the server.
  await page.goto(`${s.base}/portal/mine`);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('region', { name: '手机号登录' }).waitFor();
  await shot(page, 'portal-mine-signed-out');
  expect((await page.request.get(`${s.base}/api/v1/public/citizen/reports`)).status()).toBe(401);
  expect(await s.platform.db.query('select 1 from citizen_sessions where phone = $1', [PHONE]).then((r) => r.rows.length)).toBe(0);

  // In English on the switch.
  await page.getByRole('navigation').getByText('首页').click();
  await page.getByRole('option', { name: 'English' }).click();
  await page.getByRole('navigation').getByText('Me', { exact: true }).click();
  const en = page.getByRole('region', { name: 'Sign in with your mobile number' });
  for (const label of ['Mobile number', 'Code']) await en.getByLabel(label, { exact: true }).waitFor();
  await en.getByRole('button', { name: 'Get code' }).waitFor();
  await en.getByRole('button', { name: 'Sign in' }).waitFor();
  await shot(page, 'portal-mine-sign-in-en');
  await context.close();
});
