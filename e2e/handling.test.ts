/**
 * An order's working day across desks, in Debian's Chromium: the dispatcher's queue shows a new order within a
 * second of its registration (live, SSE) and he accepts and dispatches it; the department signs, asks for more
 * time, which the shift lead approves, and reports the result with a photo; the timeline shows every step.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newKey, type TestServer } from '../apps/server/test/harness.ts';
import { orderBody, orderIn } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));


async function desk(username: string, width = 1920, height = 1080): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
  const page = await context.newPage();
  await signIn(page, s.base, username);
  await page.getByRole('navigation', { name: '工作队列' }).waitFor();
  await page.getByRole('status').filter({ hasText: '实时更新' }).waitFor();
  return { context, page };
}

/** Runs an action from the order page: its button, its form, 确定; waits until the dialog closes. */
async function act(page: Page, verb: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined): Promise<void> {
  await page.getByRole('button', { name: verb, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

it('a new order reaches the dispatcher live; department, shift lead and dispatcher take it to its result with a photo', async () => {
  // The dispatcher watches 待受理.
  const dispatcher = await desk('zx_dispatcher');
  await dispatcher.page.getByRole('navigation', { name: '工作队列' }).getByText('待受理').click();
  await dispatcher.page.getByRole('table').waitFor();
  const created = await (await s.as('zx_operator')).post('/api/v1/orders', await orderBody(s, { description: '小区东门路灯连续三晚不亮，行人摸黑' }), { 'idempotency-key': newKey('e2e') });
  expect(created.status).toBe(201);
  const code = created.body.code as string;
  const row = dispatcher.page.getByRole('row', { name: new RegExp(code) });
  // Live: no reload, and long before the list's 30 s fallback poll. (The stream itself delivers within a second:
  // apps/server/test/live.test.ts; here the list refetches after it, on a machine busy with the other tests.)
  await row.waitFor({ timeout: 5000 });
  await shot(dispatcher.page, 'handling-live-queue-1920');
  await dispatcher.page.getByRole('link', { name: code }).click();
  await act(dispatcher.page, '受理');
  await act(dispatcher.page, '派遣', async (dialog) => {
    await dialog.getByLabel('单位', { exact: true }).fill('城市管理局');
    await dispatcher.page.getByRole('option', { name: /吴江区城市管理局/ }).waitFor({ state: 'attached' });
    await dispatcher.page.keyboard.press('Enter');
  });
  await expect.poll(() => dispatcher.page.locator('body').innerText()).toContain('待签收');

  // The department signs and asks for two more working days.
  const handler = await desk('cgj_handler', 1366, 768);
  await handler.page.getByRole('navigation', { name: '工作队列' }).getByText('待签收').click();
  await handler.page.getByRole('link', { name: code }).click();
  await act(handler.page, '签收');
  await act(handler.page, '申请延期', async (dialog) => {
    await dialog.getByLabel('时长').fill('2');
    await dialog.getByLabel('时间单位').fill('工作日');
    await handler.page.getByRole('option', { name: '工作日' }).waitFor({ state: 'attached' });
    await handler.page.keyboard.press('Enter');
    await dialog.getByLabel('理由').fill('需更换整组线路，材料明日到货');
  });
  await expect.poll(() => handler.page.locator('body').innerText()).toContain('需更换整组线路');

  // The shift lead finds it in his approvals and approves; the dispatcher's open order updates by itself.
  const lead = await desk('zx_shiftlead');
  await lead.page.getByRole('navigation', { name: '工作队列' }).getByText('延期/挂账/作废待审批').click();
  // The request is read in the queue at a glance: what is asked, how much time, and why.
  const request = lead.page.getByRole('row', { name: new RegExp(code) });
  await expect.poll(() => request.innerText()).toMatch(/申请延期[\s\S]*2 工作日[\s\S]*需更换整组线路/);
  await shot(lead.page, 'handling-approvals-queue-1920');
  await lead.page.getByRole('link', { name: code }).click();
  await shot(lead.page, 'handling-approval-1920');
  await act(lead.page, '批准延期');
  await expect.poll(() => dispatcher.page.locator('body').innerText(), { timeout: 3000 }).toContain('批准延期');

  // The department reports the result with a photo.
  await handler.page.reload();
  await act(handler.page, '反馈', async (dialog) => {
    await dialog.getByLabel('办理结果').fill('已更换线路和灯具，夜间复查全部点亮');
    const chooser = handler.page.waitForEvent('filechooser');
    const uploaded = handler.page.waitForResponse((r) => r.url().includes('/api/v1/files') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '上传' }).click();
    await (await chooser).setFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
    expect((await uploaded).status()).toBe(201);
    await dialog.getByText('after.png').waitFor();
  });
  const detail = (await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${code}`)).body;
  expect(detail.state.code).toBe('pending_check');
  expect(detail.timeline.map((e) => e.action)).toEqual(['create', 'accept', 'dispatch', 'sign', 'request-extension', 'approve-extension', 'feedback']);
  expect(detail.timeline.at(-1)!.attachmentIds).toHaveLength(1);
  const timeline = handler.page.getByRole('region', { name: '流转记录' });
  for (const step of ['登记', '受理', '派遣', '签收', '申请延期', '批准延期', '反馈']) await expect.poll(() => timeline.innerText()).toContain(step);
  await expect.poll(() => timeline.getByRole('img').count()).toBeGreaterThan(0);
  await shot(handler.page, 'handling-result-1366');
  for (const c of [dispatcher, handler, lead]) await c.context.close();
}, 180_000);

/** A 1×1 PNG: the smallest real image, so the upload is a photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

it('a supervisor raises a supervision to 专报批办 and opens the special report; the unit replies', async () => {
  const late = await orderIn(s, 'handling');
  const supervisor = await desk('zx_supervisor');
  await supervisor.page.goto(`${s.base}/orders/${late.id}`);
  const panel = supervisor.page.getByRole('region', { name: '督办' });
  await panel.getByRole('button', { name: '督办' }).click();
  const dialog = supervisor.page.getByRole('dialog');
  await dialog.getByLabel('督办级别').fill('专报');
  await supervisor.page.getByRole('option', { name: /专报批办/ }).waitFor({ state: 'attached' });
  await supervisor.page.keyboard.press('Enter');
  await dialog.getByLabel('督办意见').fill('群众反映强烈，请主要负责人牵头办理');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const open = panel.getByRole('link', { name: '查看专报' });
  await open.waitFor();
  await expect.poll(() => panel.innerText()).toContain('专报批办');
  await shot(supervisor.page, 'supervision-raised-1920');
  const [report] = await Promise.all([supervisor.page.waitForEvent('popup'), open.click()]);
  await report.waitForLoadState();
  expect(await report.locator('body').innerText()).toContain(late.code);
  await shot(report, 'supervision-report-1920');
  const docx = panel.getByRole('link', { name: '下载专报（.docx）' });
  const download = await Promise.all([supervisor.page.waitForEvent('download'), docx.click()]).then(([d]) => d);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);

  // The supervised unit replies from the same panel.
  const handler = await desk(late.handler!, 1366, 768);
  await handler.page.goto(`${s.base}/orders/${late.id}`);
  const theirs = handler.page.getByRole('region', { name: '督办' });
  await theirs.getByRole('button', { name: '回复督办' }).click();
  await handler.page.getByRole('dialog').getByLabel('回复').fill('已由局长牵头，明日完成整改');
  await handler.page.getByRole('dialog').getByRole('button', { name: '确定', exact: true }).click();
  await expect.poll(() => theirs.innerText()).toContain('已由局长牵头');
  await expect.poll(() => supervisor.page.getByRole('region', { name: '督办' }).innerText(), { timeout: 3000 }).toContain('已回复'); // live
  for (const c of [supervisor, handler]) await c.context.close();
}, 120_000);
