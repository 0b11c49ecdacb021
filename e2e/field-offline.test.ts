/**
 * The field app (联动巡查) offline for real, as a grid worker's phone (390×844): loaded online, its service worker
 * installed; then the page AND the service worker cut off (context.setOffline does not stop a service worker's own
 * fetches, so every request it makes is aborted too). Three reports with photos and one solved on the spot are made
 * offline, the app reloaded from its cache still shows all four waiting; back online the outbox drains: exactly
 * three new orders and one self-handled order exist, with their photos, in the worker's grid; syncing again changes
 * nothing. A verification and a check done offline arrive with photos and where the worker stood; the failed check
 * sends the order back for rework.
 */
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, gridOf, pointInGrid, type TestServer } from '../apps/server/test/harness.ts';
import { createOrder, orderIn, step } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, phonePage, shot } from './journey.ts';

const WORKER = 'songling_gridworker';
let s: TestServer;
let browser: Browser;
let grid: string;
let here: { lng: number; lat: number };
let photo: Buffer;
/** The server's clock runs ahead by this much once the phone is offline: what was made there arrives "later". */
let away = 0;

beforeAll(async () => {
  ({ s, browser } = await openJourney({ clock: () => new Date(Date.now() + away) }));
  grid = await gridOf(s, WORKER);
  here = await pointInGrid(s, grid);
  // A real JPEG to "take": the browser's own screenshot of a coloured page.
  const p = await browser.newPage({ viewport: { width: 640, height: 480 } });
  await p.setContent('<body style="margin:0;background:linear-gradient(135deg,#c33,#36c)"><h1 style="color:#fff;font:64px sans-serif;padding:40px">井盖缺失</h1></body>');
  photo = await p.screenshot({ type: 'jpeg', quality: 90 });
  await p.close();
});
afterAll(() => closeJourney(s, browser));

const phone = () => phonePage(browser, { at: here, accuracy: 8 });

/** Signs in on the field app and waits until its service worker controls the page. */
async function signInOnPhone(page: Page): Promise<void> {
  await page.goto(`${s.base}/field/`);
  await page.getByRole('textbox', { name: '账号' }).fill(WORKER);
  await page.getByRole('textbox', { name: '密码' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation').getByText('任务').waitFor();
  await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, { timeout: 30_000 });
  // Opened again, as a worker does in the morning: now everything it reads passes through the service worker.
  await page.reload();
  await page.getByRole('navigation').getByText('任务').waitFor();
}

/** No network for the page, and none for its service worker either. */
async function cutOff(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}
async function reconnect(context: BrowserContext): Promise<void> {
  away += 20 * 60_000; // twenty minutes in the basement
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.setOffline(false);
}

async function workerOrders(): Promise<{ id: number; state: string; self_handled: boolean; grid_code: string; files: number; made_at: Date | null }[]> {
  const r = await s.platform.db.query<{ id: number; state: string; self_handled: boolean; grid_code: string; files: number; made_at: Date | null }>(
    `select o.id, o.state, o.self_handled, o.grid_code, (select count(*)::int from files f where f.order_id = o.id) as files,
            (select e.made_at from order_events e where e.order_id = o.id and e.action = 'create') as made_at
       from orders o join users u on u.id = o.created_by where u.username = $1 order by o.id`,
    [WORKER],
  );
  return r.rows;
}

async function report(page: Page, description: string, opts: { selfHandled?: string; photo?: Buffer } = {}): Promise<void> {
  await page.getByRole('navigation').getByText('上报').click();
  await page.getByLabel('现场照片：拍照/选图').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: opts.photo ?? photo });
  await page.getByRole('img', { name: '现场照片 1' }).waitFor();
  await page.getByText('已定位').waitFor();
  await page.getByLabel('问题分类').fill('jg');
  await page.getByRole('option').first().or(page.locator('.adm-check-list-item').first()).click();
  await page.getByLabel('问题描述').fill(description);
  if (opts.selfHandled) {
    await page.getByLabel('自行处置（现场已解决）').click();
    await page.getByLabel('处置结果').fill(opts.selfHandled);
    await page.getByLabel('处置后照片：拍照/选图').setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('img', { name: '处置后照片 1' }).waitFor();
  }
  await page.getByRole('button', { name: '提交上报' }).click();
  await page.getByRole('button', { name: '立即同步' }).waitFor();
}

it('three reports and one solved on the spot, made offline, arrive exactly once with their photos in the grid', async () => {
  const { context, page } = await phone();
  await signInOnPhone(page);
  // Online once: the categories and the grid are read (and kept by the service worker).
  await page.getByRole('navigation').getByText('上报').click();
  await page.getByText('本网格常见').or(page.getByLabel('问题分类')).first().waitFor();
  await page.getByRole('navigation').getByText('我的').click();
  await page.getByText('户数').waitFor();
  const before = await workerOrders();

  await cutOff(context);
  await page.getByRole('navigation').getByText('任务').click();
  await page.getByText('离线：操作将保存在本机').waitFor();
  for (const n of [1, 2, 3]) await report(page, `离线上报 ${n}：人行道井盖缺失，存在安全隐患`);
  await report(page, '离线上报 4：井盖移位，已现场复位', { selfHandled: '已协调物业现场复位井盖' });
  await shot(page, 'field-outbox-offline');
  await expect.poll(() => page.getByText('等待发送').count()).toBe(4);
  await expect.poll(async () => (await workerOrders()).length).toBe(before.length);

  // The app opened again without any network: from the cache, with the four still waiting.
  await page.reload();
  await page.getByRole('navigation').getByText('待发送').click();
  await expect.poll(() => page.getByText('等待发送').count()).toBe(4);
  await page.getByRole('status').getByText('待发送 4 项').waitFor();
  await shot(page, 'field-outbox-reloaded-offline');

  await reconnect(context);
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect.poll(() => page.getByText('已送达').count(), { timeout: 60_000 }).toBe(4);
  await shot(page, 'field-outbox-sent');
  const after = (await workerOrders()).slice(before.length);
  expect(after).toHaveLength(4);
  expect(after.filter((o) => o.state === 'pending_accept')).toHaveLength(3);
  expect(after.filter((o) => o.self_handled && o.state === 'closed')).toHaveLength(1);
  expect(after.every((o) => o.grid_code === grid)).toBe(true);
  expect(after.map((o) => o.files)).toEqual([1, 1, 1, 2]);
  // Every photo went resumably (tus), each upload one file.
  const resumable = await s.platform.db.query<{ n: number }>(
    'select count(distinct r.file_id)::int as n from resumable_uploads r join files f on f.id = r.file_id where f.order_id = any($1::bigint[])',
    [after.map((o) => o.id)],
  );
  expect(resumable.rows[0]!.n).toBe(5);
  // Made offline: each order's timeline keeps the moment on the phone beside its arrival.
  expect(after.every((o) => o.made_at !== null)).toBe(true);

  await page.getByRole('button', { name: '立即同步' }).click();
  await page.waitForTimeout(1_000);
  expect(await workerOrders()).toHaveLength(before.length + 4);
  await context.close();
});

it('a verification and a check done offline arrive with photos and the place; the failed check sends the order back', async () => {
  const toVerify = await createOrder(s, { gridWorker: WORKER });
  await step(s, toVerify, toVerify.dispatcher, 'send-to-verify', { note: '请现场核实' }, 'pending_verify');
  const toCheck = await orderIn(s, 'pending_check', { gridWorker: WORKER });
  const { context, page } = await phone();
  await signInOnPhone(page);
  // The tasks (and each task's details, read ahead) are on the phone before the signal goes.
  await page.getByRole('region', { name: '待核实' }).getByText(toVerify.order.category!.name!).first().waitFor();
  await page.getByRole('region', { name: '待核查' }).getByText(toCheck.order.category!.name!).first().waitFor();
  await page.waitForTimeout(1_000);
  await shot(page, 'field-tasks');

  await cutOff(context);
  await page.goto(`${s.base}/field/tasks/${toVerify.id}`);
  await page.getByText('现场核实').first().waitFor();
  await page.getByLabel('现场情况').fill('现场确有商户悬挂条幅');
  await page.getByLabel('现场照片：拍照/选图').setInputFiles({ name: 'v.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('img', { name: '现场照片 1' }).waitFor();
  await page.getByText('已定位').waitFor();
  await shot(page, 'field-verify');
  await page.getByRole('button', { name: '提交' }).click();
  // Kept on the phone, back on the task list: the task shows it waits in the outbox.
  await page.getByRole('region', { name: '待核实' }).getByText('已在发送队列').waitFor();

  await page.goto(`${s.base}/field/tasks/${toCheck.id}`);
  await page.getByText('现场核查').first().waitFor();
  await page.getByText('不通过（退回重办）').click();
  await page.getByLabel('现场情况').fill('条幅仍未拆除');
  await page.getByLabel('现场照片：拍照/选图').setInputFiles({ name: 'c.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('img', { name: '现场照片 1' }).waitFor();
  await page.getByText('已定位').waitFor();
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('我的任务').waitFor();
  await page.getByRole('navigation').getByText('待发送').click();
  await expect.poll(() => page.getByText('等待发送').count()).toBe(2);

  await reconnect(context);
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect.poll(() => page.getByText('已送达').count(), { timeout: 60_000 }).toBe(2);
  const admin = await s.as('admin');
  const v = (await admin.get(`/api/v1/orders/${toVerify.id}`)).body;
  const c = (await admin.get(`/api/v1/orders/${toCheck.id}`)).body;
  expect(v.state.code).toBe('pending_accept');
  expect([c.state.code, c.counts.reworks]).toEqual(['handling', 1]);
  for (const [o, action] of [[v, 'verify'], [c, 'check']] as const) {
    const e = o.timeline.find((x) => x.action === action)!;
    expect(e.attachmentIds).toHaveLength(1);
    expect(e.data.location!.lng).toBeCloseTo(here.lng, 5);
    expect(e.madeAt).not.toBeNull();
  }
  await context.close();
});

it('a photo whose upload is cut half-way resumes from where it stopped, and becomes one file', async () => {
  const { context, page } = await phone();
  await signInOnPhone(page);
  // A large, noisy camera photo: even shrunk it takes several 256 kB pieces.
  const big: number[] = await page.evaluate(`(async () => {
    const c = document.createElement('canvas');
    c.width = 1600;
    c.height = 1200;
    const g = c.getContext('2d');
    const img = g.createImageData(c.width, c.height);
    for (let i = 0; i < img.data.length; i++) img.data[i] = i % 4 === 3 ? 255 : (Math.random() * 255) | 0;
    g.putImageData(img, 0, 0);
    const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.95));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  })()`);
  const offsets: number[] = [];
  let cut = true;
  await context.route('**/api/v1/uploads/**', async (route) => {
    const r = route.request();
    if (r.method() === 'PATCH') {
      offsets.push(Number(r.headers()['upload-offset']));
      if (cut && offsets.length > 1) return route.abort('connectionreset');
    }
    return route.continue();
  });
  const before = await workerOrders();
  await report(page, '大图上传中断后续传：路灯杆倾斜', { photo: Buffer.from(big) });
  await page.getByRole('navigation').getByText('待发送').click();
  // The first piece arrived, the next broke off (tus tried again; the connection stayed broken): the report waits.
  await page.getByText('未发送原因').waitFor({ timeout: 30_000 });
  expect(offsets.length).toBeGreaterThan(1);
  await page.getByText('等待发送').waitFor();
  expect(await workerOrders()).toHaveLength(before.length);
  await shot(page, 'field-upload-cut');

  cut = false;
  const resumedFrom = offsets.length;
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect.poll(() => page.getByText('已送达').count(), { timeout: 60_000 }).toBe(1);
  // Resumed at the offset the server had (one piece), not from the start.
  expect(offsets[resumedFrom]).toBe(256 * 1024);
  const made = (await workerOrders()).slice(before.length);
  expect(made.map((o) => o.files)).toEqual([1]);
  const f = await s.platform.db.query<{ size: number; uploads: number }>(
    `select f.size, (select count(*)::int from resumable_uploads r where r.file_id = f.id) as uploads from files f where f.order_id = $1`,
    [made[0]!.id],
  );
  expect(f.rows[0]!.uploads).toBe(1);
  expect(f.rows[0]!.size).toBeGreaterThan(2 * 256 * 1024);
  expect(big.length).toBeGreaterThan(f.rows[0]!.size / 2);
  await context.close();
});
