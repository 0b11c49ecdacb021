/**
 * 天网 in the console, in Debian's Chromium at 1366×768 (and a look at 1920×1080): an administrator registers a
 * camera by clicking the map and is shown its secret once; he sets a type of detection to need review, a wrong
 * threshold refused at its field. The camera — this test, signing as a device does with that secret — uploads a
 * snapshot and posts detections of that type; they wait in 事件审核 with the snapshot, one is dismissed, the other
 * confirmed by an operator; the order it became shows its linked detections (关联事件) with their snapshots.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pointInGrid, type TestServer } from '../apps/server/test/harness.ts';
import { cameraJpeg, detection, postSigned, registerDevice, secondsAgo, uploadSnapshot, type TestDevice } from '../apps/server/test/device-fixtures.ts';
import { closeJourney, openJourney, shot as rawShot, signIn, submitIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));

const LAPTOP = { width: 1366, height: 768 };
const CODE = 'SL-CAM-0001';
const NAME = '路口东侧摄像头 01号';

/** A screenshot once antd's drawers, dialogs and notifications have stopped moving (endless spinners aside). */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)`);
  await rawShot(page, name);
}

/** The same page at 1920×1080 too, then back to the laptop. */
async function shotWide(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, `${name}-1920`);
  await page.setViewportSize(LAPTOP);
}

const fieldError = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');

/** Whether the image named `alt` has loaded its bytes (the server let this reader have the file). */
const loaded = (page: Page, alt: string) => page.getByRole('img', { name: alt }).first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0);

let camera: TestDevice;

it('an administrator registers a camera on the map and sees its secret once, and makes a type need review', async () => {
  const page = await (await browser.newContext({ locale: 'zh-CN', viewport: LAPTOP })).newPage();
  await signIn(page, s.base, 'admin');
  const nav = page.getByRole('menu', { name: '功能导航' });
  await nav.getByText('系统管理').click();
  // An administrator manages devices but reviews no detections: no 事件审核 for him.
  expect(await nav.getByText('事件审核').count()).toBe(0);
  await page.getByRole('tab', { name: '设备管理' }).click();
  await page.getByRole('button', { name: '注册设备' }).click();
  const drawer = page.getByRole('dialog', { name: '注册设备' });
  await drawer.getByLabel('设备编码').fill(CODE);
  await drawer.getByLabel('设备名称').fill(NAME);
  // The place: a click in the middle of the map (the district's middle lies in a grid); the form takes the point.
  const map = drawer.getByRole('application', { name: '地图：点击选择设备位置' });
  await expect.poll(() => map.locator('canvas').count(), { timeout: 15_000 }).toBe(1);
  await map.click(); // its middle, once it stands still (a drawer slides in)
  const where = drawer.getByRole('status', { name: '所在网格' });
  await expect.poll(() => where.innerText(), { timeout: 15_000 }).toMatch(/›.*网格/);
  const lng = Number(await drawer.getByLabel('经度').inputValue());
  const lat = Number(await drawer.getByLabel('纬度').inputValue());
  expect(lng).toBeGreaterThan(120);
  expect(lat).toBeGreaterThan(30);
  await shot(page, 'devices-register-1366');
  await submitIn(drawer);

  // The secret, once: the one the device must sign with, with the warning that it will not be shown again.
  const dialog = page.getByRole('dialog', { name: '设备密钥（仅显示这一次）' });
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('关闭本窗口后密钥无法再次查看');
  const secret = (await dialog.getByLabel('设备密钥').innerText()).trim();
  const row = (await s.platform.db.query<{ id: number; secret: string; grid_code: string; lng: number; lat: number }>('select id, secret, grid_code, lng, lat from devices where code = $1', [CODE])).rows[0]!;
  expect(secret).toBe(row.secret);
  expect(row.grid_code).toBeTruthy();
  expect(row.lng).toBeCloseTo(lng, 5);
  expect(row.lat).toBeCloseTo(lat, 5);
  expect(await dialog.getByRole('button', { name: '复制' }).count()).toBe(1);
  await shotWide(page, 'devices-secret');
  await dialog.getByRole('button', { name: '我已保存密钥' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const listed = page.getByRole('row', { name: new RegExp(CODE) });
  await expect.poll(() => listed.innerText()).toMatch(/摄像头[\s\S]*启用[\s\S]*尚无识别/);
  // Never again: not in the list, not anywhere in the page.
  expect(await page.content()).not.toContain(secret);
  camera = { id: row.id, code: CODE, secret, location: { lng: row.lng, lat: row.lat } };

  // 事件类型: water on the road needs an operator's review; a threshold of 1.5 is refused at its field.
  await page.getByRole('tab', { name: '事件类型' }).click();
  await page.getByRole('button', { name: '修改 road_ponding' }).click();
  const form = page.getByRole('dialog', { name: /修改事件类型/ });
  await form.getByLabel('置信度阈值').fill('1.5');
  await form.getByRole('button', { name: '确定', exact: true }).click();
  await expect.poll(() => fieldError(page, '置信度阈值').innerText()).toMatch(/1/);
  await shot(page, 'event-type-invalid-1366');
  await form.getByLabel('置信度阈值').fill('0.55');
  await form.getByRole('button', { name: '确定', exact: true }).click();
  await form.waitFor({ state: 'hidden' });
  const type = (await (await s.as('admin')).get('/api/v1/admin/event-types')).body.items.find((x) => x.code === 'road_ponding')!;
  expect(type).toMatchObject({ threshold: 0.55, review: true, categoryCode: 'B01004' });
  await expect.poll(() => page.getByRole('row', { name: /road_ponding/ }).innerText()).toMatch(/0\.55[\s\S]*需审核/);
  await shot(page, 'event-types-1366');
});

it('an operator sees the signed detection with its snapshot in 事件审核, dismisses one and confirms the other; the order shows its detections', async () => {
  expect(camera, 'the first journey registered the camera').toBeDefined();
  // The camera uploads a snapshot and reports water on the road twice, signing as a device does.
  const snapshot = await uploadSnapshot(s, camera, await cameraJpeg('#2f6fb0', `${CODE} 08:12:05`));
  expect(snapshot.status).toBe(201);
  for (const [id, ago, confidence] of [['pond-1', 40, 0.62], ['pond-2', 5, 0.81]] as const) {
    const r = await postSigned(s, '/api/v1/events', camera, { device: CODE, ...detection(id, { type: 'road_ponding', confidence, detectedAt: secondsAgo(ago), snapshot: snapshot.body.id }) });
    expect(r.body.outcome, JSON.stringify(r.body)).toBe('review');
  }
  // And a garbage bin it was not asked about, in the same spot: made an order at once, never waits for review.
  const bin = await postSigned(s, '/api/v1/events', camera, { device: CODE, ...detection('bin-1', { type: 'garbage_overflow', confidence: 0.9 }) });
  expect(bin.body.outcome).toBe('created');
  // A second camera far off the first reports a puddle the operator will dismiss.
  const other = (await s.platform.db.query<{ code: string }>(`select code from grids where kind = 'basic' and code like '%-%' and town_code <> (select town_code from devices where code = $1) order by code limit 1`, [CODE])).rows[0]!;
  const far = await registerDevice(await s.as('admin'), await pointInGrid(s, other.code), '路口西侧摄像头 02号');
  expect((await postSigned(s, '/api/v1/events', far, { device: far.code, ...detection('far-1', { type: 'road_ponding', confidence: 0.7 }) })).body.outcome).toBe('review');

  const page = await (await browser.newContext({ locale: 'zh-CN', viewport: LAPTOP })).newPage();
  await signIn(page, s.base, 'zx_operator');
  const nav = page.getByRole('menu', { name: '功能导航' });
  // The menu counts what waits, for the operator's whole district.
  await nav.getByLabel('2 条待审核').waitFor();
  await nav.getByText('事件审核').click();
  const table = page.getByRole('table');
  const mine = page.getByRole('row', { name: new RegExp(NAME) });
  await expect.poll(() => mine.innerText(), { timeout: 15_000 }).toMatch(/道路积水[\s\S]*(镇|街道)[\s\S]*81%[\s\S]*2 次/);
  expect(await table.innerText()).not.toContain('垃圾满溢');
  const alt = `抓拍 道路积水 ${NAME}`;
  await expect.poll(() => loaded(page, alt)).toBe(true);
  await shotWide(page, 'detections-review');

  // 忽略 the far puddle: it leaves the queue, and the server has it dismissed.
  await page.getByRole('button', { name: '忽略 道路积水 路口西侧摄像头 02号' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定', exact: true }).click();
  await page.getByRole('row', { name: /路口西侧摄像头 02号/ }).waitFor({ state: 'detached' });
  const farFold = (await s.platform.db.query<{ status: string; order_id: number | null }>('select status, order_id from event_folds where first_device_id = $1', [far.id])).rows[0]!;
  expect(farFold).toEqual({ status: 'dismissed', order_id: null });

  // 确认立案: an order, linked from the notification.
  await page.getByRole('button', { name: `确认立案 道路积水 ${NAME}` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定', exact: true }).click();
  const notice = page.getByRole('alert').filter({ hasText: '已立案：工单已生成' });
  await notice.waitFor();
  await shot(page, 'detections-confirmed-1366');
  await mine.waitFor({ state: 'detached' });
  await notice.getByRole('button', { name: '查看工单' }).click();

  // The order: channel video, its 关联事件 — two detections of this camera, with their snapshot.
  const linked = page.getByRole('region', { name: '关联事件' });
  await expect.poll(() => linked.innerText(), { timeout: 15_000 }).toMatch(/道路积水[\s\S]*人工确认立案[\s\S]*路口东侧摄像头 01号（SL-CAM-0001）× 2[\s\S]*共 2 次识别[\s\S]*81%/);
  const fold = (await s.platform.db.query<{ order_id: number }>(`select order_id from event_folds where first_device_id = $1 and type_code = 'road_ponding'`, [camera.id])).rows[0]!;
  expect(page.url()).toContain(`/orders/${fold.order_id}`);
  const rows = linked.getByRole('table', { name: '识别记录' }).getByRole('row');
  await expect.poll(() => rows.count()).toBe(3);
  expect(await rows.nth(1).innerText()).toMatch(/81%[\s\S]*pond-2/);
  expect(await rows.nth(2).innerText()).toMatch(/62%[\s\S]*pond-1/);
  await expect.poll(() => loaded(page, '抓拍 pond-2')).toBe(true);
  expect(await page.getByText('视频/物联感知').count()).toBeGreaterThan(0);
  await linked.scrollIntoViewIfNeeded();
  await shotWide(page, 'order-detections');

  // Back in the queue: the confirmed one under 已立案, linking to its order; nothing waits.
  await nav.getByText('事件审核').click();
  const statuses = page.getByLabel('审核状态');
  await statuses.getByText('已立案', { exact: true }).click();
  await expect.poll(() => statuses.getByRole('radio', { name: '已立案' }).isChecked()).toBe(true);
  await expect.poll(() => page.getByRole('row', { name: new RegExp(NAME) }).innerText()).toContain('查看工单');
  expect(await nav.getByLabel(/条待审核/).count()).toBe(0);

  // The same queue in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Detection review', { exact: true }).first().waitFor();
  await expect.poll(() => page.getByRole('row', { name: new RegExp(NAME) }).innerText()).toMatch(/Water on the road[\s\S]*81%[\s\S]*2×[\s\S]*Open the order/);
  await shot(page, 'detections-review-en-1366');
});
