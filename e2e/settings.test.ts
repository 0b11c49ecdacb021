/**
 * The administrator's settings in the console (系统管理), in Debian's Chromium: a supervision policy's trigger
 * changed, a message template edited, a channel's settings opened with its secrets masked, the message log
 * filtered by status; wrong values refused next to their field with nothing saved; the same pages in English;
 * and a supervisor, who sees only the message log.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { orderIn } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, shot as rawShot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));

const DINGTALK = { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=dt-e2e-t0ken', secret: 'SEC-e2e-signing' };
const CJK = /[\u3400-\u9fff]/;

/** Messages of two real orders (the reporter's SMS, the units' inbox), one SMS failed at the gateway. */
async function someMessages(): Promise<{ failedId: number; orderCode: string }> {
  const o = await orderIn(s, 'pending_sign');
  await orderIn(s, 'handling');
  const sms = (await s.platform.db.query<{ id: number }>(`select id from outbox where order_id = $1 and channel = 'sms' order by id limit 1`, [o.id])).rows[0]!;
  await s.platform.db.query(`update outbox set status = 'failed', attempts = 6, last_error = '短信网关返回 HTTP 500 / SMS gateway answered HTTP 500' where id = $1`, [sms.id]);
  return { failedId: sms.id, orderCode: o.code };
}

async function openSettings(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, s.base, username);
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();
  return page;
}

/** A screenshot once antd's drawers, dialogs and tab bar have finished moving. */
async function shot(page: Page, name: string): Promise<void> {
  // A string, run in the page: this project's TypeScript knows no DOM. Endless ones (a spinner, the live dot) do not count.
  await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)`);
  await rawShot(page, name);
}

/** Chooses an option of an antd Select by its visible label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

const fieldError = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');

it('an administrator changes a policy, edits a template, opens a channel and reads the log; wrong values are refused at their field', async () => {
  const admin = await s.as('admin');
  expect((await admin.request('PUT', '/api/v1/notification-channels/dingtalk', { enabled: false, config: DINGTALK })).status).toBe(200);
  const { failedId, orderCode } = await someMessages();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await openSettings(context, 'admin');
  await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['组织机构', '用户管理', '网格管理', '网格导入', '事件部件清单', '工作日历', '设备管理', '事件类型', '大屏令牌', '督办策略', '消息模板', '通知渠道', '消息记录', '智能分拨']);

  // 督办策略: manual assignment for unsigned orders moves from 100% to 150% of the sign limit.
  const policy = (await admin.get('/api/v1/supervision/policies')).body.find((p) => p.name === '签收超时人工交办')!;
  await page.getByRole('tab', { name: '督办策略' }).click();
  await page.getByRole('row', { name: /签收超时人工交办/ }).waitFor();
  await shot(page, 'settings-policies-1920');
  await page.getByRole('button', { name: '修改 签收超时人工交办' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('触发点（占环节时限的百分比）').fill('150');
  await dialog.getByLabel('督办任务期限（工作小时）').fill('3');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const policyNow = async () => (await admin.get('/api/v1/supervision/policies')).body.find((p) => p.id === policy.id)!;
  expect(await policyNow()).toMatchObject({ share: 1.5, taskHours: 3, level: 2, active: true });
  await expect.poll(() => page.getByRole('row', { name: /签收超时人工交办/ }).innerText()).toContain('时限的 150%');
  // A trigger of 0% is refused next to the field and nothing is saved.
  await page.getByRole('button', { name: '修改 签收超时人工交办' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('触发点（占环节时限的百分比）').fill('0');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await expect.poll(() => fieldError(page, '触发点（占环节时限的百分比）').innerText()).toBe('触发点应在 1%–2000% 之间');
  await shot(page, 'settings-policy-invalid-1920');
  await dialog.getByRole('button', { name: '取消', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await policyNow()).share).toBe(1.5);

  // 消息模板: the citizen's acceptance SMS gets a new text; a variable is inserted by a click; the preview follows.
  await page.getByRole('tab', { name: '消息模板' }).click();
  await page.getByRole('button', { name: '修改 citizen.accepted zh' }).click();
  dialog = page.getByRole('dialog');
  const body = dialog.getByLabel('内容', { exact: true });
  await body.fill('您反映的问题已受理，工单编号');
  await dialog.getByRole('button', { name: '插入变量 orderCode' }).click();
  await body.press('End');
  await body.pressSequentially('，请留意办理进展。');
  await expect.poll(() => dialog.getByRole('region', { name: '预览' }).innerText()).toContain('您反映的问题已受理，工单编号LD20261206000123，请留意办理进展。');
  await shot(page, 'settings-template-1920');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const template = async () => (await admin.get('/api/v1/message-templates')).body.find((x) => x.code === 'citizen.accepted' && x.lang === 'zh')!;
  expect((await template()).body).toBe('您反映的问题已受理，工单编号{{orderCode}}，请留意办理进展。');
  // A variable this template does not have: the server's refusal, in Chinese, under the text; nothing saved.
  await page.getByRole('button', { name: '修改 citizen.accepted zh' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('内容', { exact: true }).fill('{{unitName}}已受理您反映的问题');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await expect.poll(() => fieldError(page, '内容').innerText()).toContain('模板 citizen.accepted 没有占位符 {{unitName}}');
  await shot(page, 'settings-template-invalid-1920');
  await dialog.getByRole('button', { name: '取消', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await template()).body).toBe('您反映的问题已受理，工单编号{{orderCode}}，请留意办理进展。');

  // 通知渠道: DingTalk's settings open with the token and the signing secret masked, nowhere in the page in clear.
  await page.getByRole('tab', { name: '通知渠道' }).click();
  await page.getByRole('button', { name: '设置 钉钉群机器人' }).click();
  const drawer = page.getByRole('dialog', { name: '设置通知渠道 · 钉钉群机器人' });
  await expect.poll(() => drawer.getByLabel('Webhook 地址').inputValue()).toBe('https://oapi.dingtalk.com/robot/send?access_token=********');
  expect(await drawer.getByLabel('加签密钥').inputValue()).toBe('********');
  expect(await drawer.getByLabel('加签密钥').getAttribute('type')).toBe('password');
  for (const secret of ['dt-e2e-t0ken', 'SEC-e2e-signing']) expect(await page.content()).not.toContain(secret);
  await shot(page, 'settings-channel-1920');
  // Not an address: refused next to the field, the stored settings untouched.
  await drawer.getByLabel('Webhook 地址').fill('robot.example.cn/send');
  await drawer.getByRole('button', { name: '确定', exact: true }).click();
  await expect.poll(() => fieldError(page, 'Webhook 地址').innerText()).toBe('应为 http(s) 网址');
  const stored = async () => (await s.platform.db.query<{ config: unknown; enabled: boolean }>(`select config, enabled from notification_channels where code = 'dingtalk'`)).rows[0]!;
  expect(await stored()).toEqual({ config: DINGTALK, enabled: false });
  // Sent back as read, with only the switch changed: enabled, the secrets kept.
  await drawer.getByLabel('Webhook 地址').fill('https://oapi.dingtalk.com/robot/send?access_token=********');
  await drawer.getByLabel('启用', { exact: true }).click();
  await drawer.getByRole('button', { name: '确定', exact: true }).click();
  await drawer.waitFor({ state: 'hidden' });
  expect(await stored()).toEqual({ config: DINGTALK, enabled: true });
  await expect.poll(() => page.getByRole('row', { name: /钉钉群机器人/ }).innerText()).toContain('启用');

  // 消息记录: the failed SMS is found by its status, with its attempts and last error.
  await page.getByRole('tab', { name: '消息记录' }).click();
  const log = page.getByRole('table', { name: '消息记录' });
  await log.getByRole('row').nth(1).waitFor();
  await choose(page, '发送状态', '发送失败');
  await expect.poll(() => log.getByRole('row').count()).toBe(2); // the header and the one failed message
  const row = log.getByRole('row').nth(1);
  expect(await row.innerText()).toMatch(/发送失败[\s\S]*6[\s\S]*短信网关返回 HTTP 500/);
  expect(await row.innerText()).toContain(orderCode);
  await shot(page, 'settings-messages-1920');
  await row.getByRole('button', { name: `详情 ${failedId}` }).click();
  await page.getByRole('dialog', { name: `消息详情 · ${failedId}` }).getByText('受理告知（citizen.accepted）').waitFor();
  await shot(page, 'settings-message-detail-1920');
  await page.keyboard.press('Escape');
  await choose(page, '发送状态', '已存储');
  await expect.poll(async () => (await log.getByRole('row').allInnerTexts()).slice(1).every((r) => r.includes('已存储'))).toBe(true);
  expect(await log.getByRole('row').count()).toBeGreaterThan(2);
  await context.close();
}, 180_000);

it('fits a 1366×768 screen, and reads in English on the switch', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await openSettings(context, 'admin');
  for (const [tab, name] of [['督办策略', 'policies'], ['消息模板', 'templates'], ['通知渠道', 'channels'], ['消息记录', 'messages']] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('tabpanel', { name: tab }).getByRole('row').nth(1).waitFor();
    await shot(page, `settings-${name}-1366`);
  }
  await page.getByRole('tab', { name: '通知渠道' }).click();
  await page.getByRole('button', { name: '设置 电子邮件' }).click();
  await page.getByRole('dialog').getByLabel('SMTP 服务器').waitFor();
  await shot(page, 'settings-channel-email-1366');
  await page.getByRole('button', { name: '取消', exact: true }).click();

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('tab', { name: 'Message log' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Message log' });
  await panel.getByRole('row').nth(1).waitFor();
  await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Organisation', 'Users', 'Grids', 'Import grids', 'Catalogue', 'Working calendar', 'Devices', 'Event types', 'Screen tokens', 'Policies', 'Templates', 'Channels', 'Message log', 'Smart dispatch']);
  // The log's own words are all English (its rows hold data: Chinese titles and names).
  expect(await panel.locator('form').innerText()).not.toMatch(CJK);
  expect(await panel.locator('thead').innerText()).not.toMatch(CJK);
  await shot(page, 'settings-messages-en-1366');
  await page.getByRole('tab', { name: 'Channels' }).click();
  const channels = page.getByRole('tabpanel', { name: 'Channels' });
  await channels.getByRole('row', { name: /DingTalk group robot/ }).waitFor();
  expect(await channels.innerText()).not.toMatch(CJK);
  await page.getByRole('tab', { name: 'Policies' }).click();
  const policies = page.getByRole('tabpanel', { name: 'Policies' });
  await policies.getByRole('row').nth(1).waitFor();
  expect(await policies.locator('thead').innerText()).not.toMatch(CJK);
  await shot(page, 'settings-policies-en-1366');
  await context.close();
}, 120_000);

it('a supervisor sees only the message log, with the reporters\' phones masked', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await openSettings(context, 'zx_supervisor');
  await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['消息记录']);
  const log = page.getByRole('table', { name: '消息记录' });
  await log.getByRole('row').nth(1).waitFor();
  await choose(page, '渠道', '短信');
  await expect.poll(async () => (await log.getByRole('row').allInnerTexts()).slice(1).join('\n')).toMatch(/手机 1[0-9]{2}\*{4}[0-9]{4}/);
  await shot(page, 'settings-supervisor-1920');
  const sup = await s.as('zx_supervisor');
  expect((await sup.get('/api/v1/notification-channels')).status).toBe(403);
  await context.close();
}, 120_000);
