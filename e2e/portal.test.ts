/**
 * The citizen portal (群众随手拍) as citizens use it on a phone (390×844): one reports anonymously with a photo that
 * carries where it was taken (EXIF GPS), gets a tracking code, and follows the public timeline as the departments
 * move the order — the steps and the responsible department, never a person's name, never the photo's location;
 * another citizen at the same spot is shown the report before sending his own and says "我也遇到" with his number;
 * when it is handled he is called back by SMS, opens the link on the portal and rates the result.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import type { Browser, Page } from 'playwright-core';
import { gridOf, pointInGrid, unitId, type TestServer } from '../apps/server/test/harness.ts';
import { userOfUnit } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, openJourney, phonePage, shot } from './journey.ts';

let s: TestServer;
let browser: Browser;
let here: { lng: number; lat: number };
let photo: Buffer;
let code = '';

beforeAll(async () => {
  ({ s, browser } = await openJourney());
  here = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
  photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3a6ea5' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Xiaomi' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 9/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 38/1 24/1' } })
    .toBuffer();
});
afterAll(() => closeJourney(s, browser));

const citizen = () => phonePage(browser, { at: here, accuracy: 12 });

/** What the public timeline page shows as text. */
const pageText = (page: Page) => page.locator('body').innerText();

it('an anonymous report with a photo gets a tracking code and a public timeline without people or EXIF', async () => {
  const { context, page } = await citizen();
  await page.goto(`${s.base}/portal/`);
  await shot(page, 'portal-home');
  await page.getByRole('button', { name: '我要反映' }).click();
  await page.getByLabel('拍照/选图').setInputFiles({ name: 'IMG_2026.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('img', { name: /现场照片.*1/ }).waitFor();
  await page.getByText('已定位').waitFor();
  await page.getByLabel('问题描述').fill('人行道上井盖破损，已经塌陷一角，行人容易绊倒');
  // A simple choice among the classes reported most lately (not sure: left to the dispatcher).
  const choices = page.getByRole('group', { name: '问题类别（选填）' }).getByRole('option');
  await expect.poll(() => choices.count()).toBe(8);
  const chosen = (await choices.first().innerText()).trim();
  await choices.first().click();
  await page.getByLabel('匿名反映').click();
  await shot(page, 'portal-report');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('提交成功').waitFor();
  code = (await page.locator('.portal-code').innerText()).trim();
  expect(code).toMatch(/^Q[0-9A-Z]{10}$/);
  await shot(page, 'portal-done');

  await page.getByRole('button', { name: '查看办理进度' }).click();
  await page.getByRole('region', { name: '办理过程' }).waitFor();
  await page.getByText(chosen).first().waitFor();
  const src = await page.getByRole('img', { name: /现场照片 1/ }).getAttribute('src');
  const served = Buffer.from(await (await fetch(new URL(src!, s.base))).arrayBuffer());
  expect((await sharp(served).metadata()).format).toBe('jpeg');
  expect(await exifr.gps(served).catch(() => undefined)).toBeFalsy();
  await context.close();
});

it('a second citizen is shown it nearby, says 我也遇到 with his number, and follows the same code', async () => {
  const { context, page } = await citizen();
  await page.goto(`${s.base}/portal/report`);
  await page.getByText('已定位').waitFor();
  // The list is checked against his words once he stops typing (a query per pause).
  const matched = page.waitForResponse((r) => r.url().includes('/api/v1/public/reports/nearby') && r.url().includes('text='), { timeout: 30_000 });
  await page.getByLabel('问题描述').fill('井盖破损塌陷，行人容易绊倒');
  await page.getByLabel('手机号（选填，用于回访）').fill('13812345678');
  await matched;
  const nearby = page.getByRole('region', { name: '附近已有人反映，是同一个问题吗？' });
  await nearby.getByText('人行道上井盖破损').waitFor({ timeout: 30_000 });
  await shot(page, 'portal-nearby');
  await nearby.getByRole('button', { name: '我也遇到' }).first().click();
  // Either the receipt or what the server refused (its message read out), never silence.
  await page.getByText('提交成功').or(page.getByRole('alert')).first().waitFor();
  expect(await page.getByRole('alert').count(), await page.getByRole('alert').allInnerTexts().then(String)).toBe(0);
  expect((await page.locator('.portal-code').innerText()).trim()).toBe(code);
  await page.getByText('办结后将电话或短信回访').waitFor();
  await context.close();
});

it('a citizen with no position picks the place on the map, checked against the district before it is taken', async () => {
  const { context, page } = await phonePage(browser, { at: null });
  // The map opens on the whole district; its middle is where he will tap (inside a town: the demo territory's).
  const [a, b, c, d] = (await s.anonymous.get('/api/v1/public/map/config')).body.bounds as number[];
  const middle = { lng: (a! + c!) / 2, lat: (b! + d!) / 2 };
  const there = (await s.anonymous.get(`/api/v1/public/place?lng=${middle.lng}&lat=${middle.lat}`)).body;
  expect(there.inside).toBe(true);
  await page.goto(`${s.base}/portal/report`);
  await page.getByText('未能定位').waitFor();
  await page.getByRole('button', { name: '在地图上选点' }).click();
  const map = page.getByRole('application', { name: '选择问题位置' });
  await expect.poll(() => map.locator('canvas').count(), { timeout: 15_000 }).toBe(1);
  const take = page.getByRole('button', { name: '确定' });
  expect(await take.isDisabled()).toBe(true);
  // A tap in its middle, once the sheet has slid up and stands still (the locator's click waits for that).
  await map.click();
  const chosen = page.getByRole('dialog', { name: '选择问题位置' }).getByRole('status', { name: '所选位置' });
  await expect.poll(() => chosen.innerText(), { timeout: 15_000 }).toContain(there.town);
  await shot(page, 'portal-pick-on-map');
  await take.click();
  await expect.poll(() => page.getByRole('status', { name: '所选位置' }).innerText()).toMatch(new RegExp(`地图选点：${there.town}`));
  await page.getByLabel('问题描述').fill('小区门口路灯不亮已经一周，晚上走路看不清');
  await shot(page, 'portal-picked');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('提交成功').waitFor();
  const tracking = (await page.locator('.portal-code').innerText()).trim();
  const row = await s.platform.db.query<{ lng: number; lat: number; town: string }>(
    `select o.lng, o.lat, t.name as town from orders o join divisions t on t.code = o.town_code where o.tracking_code = $1`,
    [tracking],
  );
  expect(row.rows[0]!.town).toBe(there.town);
  // The tap landed within a pixel or two of the middle (about 150 m a pixel on the whole district).
  expect(Math.abs(row.rows[0]!.lng - middle.lng)).toBeLessThan(0.01);
  expect(Math.abs(row.rows[0]!.lat - middle.lat)).toBeLessThan(0.01);
  await context.close();
});

it('the timeline follows the order through the departments, and the number given is called back to rate it', async () => {
  const admin = await s.as('admin');
  const found = await s.platform.db.query<{ id: number }>('select id from orders where tracking_code = $1', [code]);
  const id = Number(found.rows[0]!.id);
  const act = async (user: string, action: string, body: unknown = {}) => {
    const r = await (await s.as(user)).act(id, action as never, body);
    expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  };
  const order = (await admin.get(`/api/v1/orders/${id}`)).body;
  expect(order.reporters).toHaveLength(2);
  const dispatcher = await userOfUnit(s, order.dispatchUnit!.id, 'dispatcher');
  await act(dispatcher, 'accept', { categoryCode: 'B01001' });
  const cgj = await unitId(s, 'WJ-CGJ');
  await act(dispatcher, 'dispatch', { unitId: cgj });
  const handler = await userOfUnit(s, cgj, 'handler');
  await act(handler, 'sign');
  await act(handler, 'feedback', { result: '已更换井盖，现场恢复通行' });
  await act('songling_gridworker', 'check', { passed: true });

  const { context, page } = await citizen();
  await page.goto(`${s.base}/portal/track/${code}`);
  await page.getByText('已更换井盖，现场恢复通行').waitFor();
  const text = await pageText(page);
  const unit = (await s.platform.db.query<{ name: string }>('select name from units where id = $1', [cgj])).rows[0]!.name;
  expect(text).toContain(unit);
  const people = await s.platform.db.query<{ display_name: string }>(`select display_name from users where username = any($1::text[])`, [[dispatcher, handler, 'songling_gridworker']]);
  for (const p of people.rows) expect(text).not.toContain(p.display_name);
  expect(text).not.toContain('13812345678');
  await shot(page, 'portal-track');

  // The citizen with a number gets the call-back SMS; its link opens the portal's rating page.
  const sms = await s.platform.db.query<{ body: string }>(`select body from outbox where order_id = $1 and template = 'callback.request'`, [id]);
  const link = /https?:\/\/\S+\/portal\/rate\/cb_[\w-]+/.exec(sms.rows[0]!.body)![0]!;
  await page.goto(`${s.base}${new URL(link).pathname}`);
  await page.getByText('已更换井盖，现场恢复通行').waitFor();
  await page.getByText('满意', { exact: true }).click();
  await shot(page, 'portal-rate');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('感谢您的评价').waitFor();
  await page.goto(`${s.base}/portal/track/${code}`);
  await page.getByText('评价').waitFor();
  await context.close();
});

it('reads in English after the switch, its classes too', async () => {
  const { context, page } = await citizen();
  await page.goto(`${s.base}/portal/`);
  await page.getByRole('option', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Report a problem' }).click();
  await page.getByText('Located').waitFor();
  await page.getByRole('group', { name: 'What kind of problem (optional)' }).getByRole('option').first().waitFor();
  for (const label of ['Photos (up to 6)', 'Kind of request', 'Description', 'Mobile number (optional, for the call-back)', 'Report anonymously']) {
    await page.getByText(label, { exact: true }).first().waitFor();
  }
  await shot(page, 'portal-report-en');
  await page.goto(`${s.base}/portal/track/${code}`);
  await page.getByText('What was done').waitFor();
  await shot(page, 'portal-track-en');
  await context.close();
});
