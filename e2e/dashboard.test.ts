/**
 * 统计分析 as a district leader reads it, in Debian's Chromium, over three days of demo history: the headline
 * figures as the API gives them, a rate opened to the orders below and above its line, a bar opened to its orders,
 * the town ranking exported to .xlsx and parsed back with the figures shown, a chart exported as a PNG; a town's
 * shift lead sees his town only. Screenshots at 1920×1080 and 1366×768.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import type { StatsBreakdown, StatsHeadline } from '@liandong/contracts';
import { buildDemoHistory } from '@liandong/core/demo/history/index.ts';
import type { TestServer } from '../apps/server/test/harness.ts';
import { closeJourney, diagnoseOnFailure, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const MONTH = () => `period=month&date=${today()}`;

beforeAll(async () => {
  ({ s, browser } = await openJourney());
  await buildDemoHistory(s.testDb.db, { days: 3, endAt: new Date(), seed: 5, ordersPerDay: 200, batchSize: 100 });
}, 300_000);
afterAll(() => closeJourney(s, browser));

it('a leader reads the month, opens a rate’s orders, and exports the town ranking', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'leader');
  await page.getByRole('menu', { name: '功能导航' }).getByText('统计分析').click();
  const leader = await s.as('leader');
  const h: StatsHeadline = (await leader.get(`/api/v1/statistics/headline?${MONTH()}`)).body;
  expect(h.figures.received).toBeGreaterThan(300);
  await page.getByRole('button', { name: `受理量 ${h.figures.received}` }).waitFor({ timeout: 30_000 });
  const rate = `${h.figures.completionRate!.toFixed(1)}%`;
  await page.getByRole('button', { name: `办结率 ${rate}` }).waitFor();
  await page.getByRole('img', { name: '图表：各镇（街道）受理量' }).waitFor();
  await page.waitForTimeout(800); // the charts' entry animation
  await shot(page, 'dashboard-1920');

  // The completion rate opens the orders below its line (those needing an answer), then those above it (closed).
  await page.getByRole('button', { name: `办结率 ${rate}` }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByText(`办结率（${rate}）`).waitFor();
  const below = (await leader.get(`/api/v1/statistics/orders?${MONTH()}&measure=needsAnswer&pageSize=20`)).body;
  expect(below.total).toBe(h.figures.needsAnswer);
  await drawer.getByRole('link', { name: below.items[0].code }).waitFor();
  await expect.poll(() => drawer.getByRole('row').count()).toBe(Math.min(20, below.total) + 1);
  await drawer.getByRole('radiogroup', { name: '工单范围' }).getByText(`分子：已办结（${h.figures.done}）`).click();
  const above = (await leader.get(`/api/v1/statistics/orders?${MONTH()}&measure=done&pageSize=20`)).body;
  await drawer.getByRole('link', { name: above.items[0].code }).waitFor();
  await shot(page, 'dashboard-drill-1920');
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByLabel('Close')).first().click();

  // The town ranking as a workbook: every town with the figures the table shows.
  const towns: StatsBreakdown = (await leader.get(`/api/v1/statistics/breakdown/town?${MONTH()}`)).body;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel：镇（街道）排名' }).click()]);
  expect(download.suggestedFilename()).toBe('镇（街道）排名.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 4)).toEqual(['排名', '名称', '受理量', '办结量']);
  const rows = [];
  for (let i = 2; i <= ws.rowCount; i++) rows.push((ws.getRow(i).values as unknown[]).slice(1));
  expect(rows.length).toBe(towns.rows.length);
  for (const t of towns.rows) {
    const r = rows.find((x) => x[1] === t.name)!;
    expect(r, t.name).toBeTruthy();
    expect(r.slice(2, 6)).toEqual([t.figures.received, t.figures.closed, t.figures.open, t.figures.overdue]);
    expect(r[6] ?? null).toEqual(t.figures.completionRate);
    // And the table on the page shows the same count.
    await page.getByRole('button', { name: `${t.name} 受理量` }).first().waitFor();
    expect(await page.getByRole('button', { name: `${t.name} 受理量` }).first().innerText()).toBe(String(t.figures.received));
  }

  // A chart as a PNG.
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出图片：每日受理与办结' }).click()]);
  const bytes = await readFile((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');

  // The top town's received count in the ranking opens exactly its orders.
  const top = towns.rows[0]!;
  await page.getByRole('button', { name: `${top.name} 受理量` }).first().click();
  await drawer.getByText(`${top.name} · 受理量（${top.figures.received}）`).waitFor();
  await context.close();
});

it('on a laptop, a town’s shift lead sees his own town only', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'songling_shiftlead');
  await page.getByRole('menu', { name: '功能导航' }).getByText('统计分析').click();
  const h: StatsHeadline = (await (await s.as('songling_shiftlead')).get(`/api/v1/statistics/headline?${MONTH()}`)).body;
  await page.getByRole('button', { name: `受理量 ${h.figures.received}` }).waitFor({ timeout: 30_000 });
  const towns: StatsBreakdown = (await (await s.as('songling_shiftlead')).get(`/api/v1/statistics/breakdown/town?${MONTH()}`)).body;
  expect(towns.rows.map((r) => r.name)).toEqual(['松陵街道']);
  await page.getByRole('button', { name: '松陵街道 受理量' }).first().waitFor();
  await page.waitForTimeout(800);
  await shot(page, 'dashboard-town-1366');
  await context.close();
});
