/**
 * 分析报告 as a district leader uses it on a laptop (1366×768), in Debian's Chromium, over three days of demo
 * history: he generates the district's report of those days, finds it in the list with the figures the statistics
 * API gives, downloads the .docx (parsed back: the same received count) and opens the HTML page with its charts;
 * a town's shift lead may report on his town only and does not see the district's report. Screenshots at 1366×768.
 */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { AnalysisReportView, StatsHeadline } from '@liandong/contracts';
import { buildDemoHistory } from '@liandong/core/demo/history/index.ts';
import type { TestServer } from '../apps/server/test/harness.ts';
import { closeJourney, diagnoseOnFailure, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const [FROM, TO] = [chinaDay(-3), chinaDay()];

beforeAll(async () => {
  ({ s, browser } = await openJourney());
  await buildDemoHistory(s.testDb.db, { days: 3, endAt: new Date(), seed: 11, ordersPerDay: 120, batchSize: 120 });
}, 300_000);
afterAll(() => closeJourney(s, browser));

it('a leader generates the district’s report, downloads the .docx and reads the page', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'leader');
  await page.getByRole('menu', { name: '功能导航' }).getByText('分析报告').click();
  const form = page.getByRole('group', { name: '生成研判报告' });
  await form.getByLabel('报告范围').waitFor();
  await form.getByTitle('吴江区').waitFor();
  await form.getByLabel('报告周期').click();
  await page.getByTitle('自定义', { exact: true }).click();
  await form.getByLabel('起始日期').fill(FROM);
  await form.getByLabel('结束日期').fill(TO);
  await shot(page, 'analysis-reports-form-1366');
  await form.getByRole('button', { name: '生成报告' }).click();
  await form.getByRole('status').filter({ hasText: '已生成：吴江区' }).waitFor({ timeout: 90_000 });

  const h: StatsHeadline = (await (await s.as('leader')).get(`/api/v1/statistics/headline?period=custom&from=${FROM}&to=${TO}`)).body;
  expect(h.figures.received).toBeGreaterThan(100);
  const row = page.getByRole('row').filter({ hasText: `${FROM} ~ ${TO}` });
  await row.getByRole('cell', { name: String(h.figures.received), exact: true }).waitFor();
  await row.getByRole('cell', { name: `${h.figures.completionRate}%`, exact: true }).waitFor();
  await row.getByRole('cell', { name: '区领导 吴江' }).waitFor();
  await shot(page, 'analysis-reports-list-1366');

  // The .docx, parsed back.
  const report: AnalysisReportView = (await (await s.as('leader')).get('/api/v1/analysis-reports')).body.items[0];
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: `下载报告：${report.title}` }).click()]);
  expect(download.suggestedFilename()).toMatch(/^研判报告-吴江区-.*\.docx$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain(`共受理群众诉求${h.figures.received}件`);

  // The page, with its charts drawn on the server.
  const [view] = await Promise.all([context.waitForEvent('page'), row.getByRole('link', { name: `查看报告：${report.title}` }).click()]);
  await view.getByRole('heading', { level: 1 }).waitFor();
  await view.getByText(`共受理群众诉求${h.figures.received}件`, { exact: false }).waitFor();
  expect(await view.getByRole('img', { name: /图1 每日受理量和办结量/ }).count()).toBe(1);
  await shot(view, 'analysis-reports-html-top-1366');
  await view.getByRole('heading', { name: '二、处置层级' }).scrollIntoViewIfNeeded();
  await shot(view, 'analysis-reports-html-1366');
  await context.close();
});

it('a town’s shift lead reports on his town only', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'songling_shiftlead');
  // His menu has more pages than a laptop's header holds: 分析报告 sits under the overflow (…); the address is direct.
  await page.getByRole('menu', { name: '功能导航' }).waitFor();
  await page.goto(`${s.base}/reports`);
  const form = page.getByRole('group', { name: '生成研判报告' });
  await form.getByTitle('松陵街道').waitFor();
  await form.getByLabel('报告范围').click();
  await page.getByTitle('松陵街道', { exact: true }).last().waitFor();
  expect(await page.getByTitle('吴江区', { exact: true }).count()).toBe(0);
  await page.getByTitle('松陵街道', { exact: true }).last().click();
  await page.getByText('暂无报告').waitFor();
  await form.getByRole('button', { name: '生成报告' }).click();
  await form.getByRole('status').filter({ hasText: '已生成：松陵街道' }).waitFor({ timeout: 90_000 });
  await expect.poll(() => page.getByRole('row').filter({ hasText: '松陵街道' }).count()).toBe(1);
  await shot(page, 'analysis-reports-town-1366');
  await context.close();
});
