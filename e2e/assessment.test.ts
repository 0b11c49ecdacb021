/**
 * 考核排名 as a district leader reads it, in Debian's Chromium: the departments ranked for the month with their grades
 * and figures, a figure opened to the orders behind it (the same count as the figure), one of them opened; the towns
 * beside them; a department's handler sees his own row only. Screenshots at 1920×1080 and 1366×768.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Assessment } from '@liandong/contracts';
import type { TestServer } from '../apps/server/test/harness.ts';
import { orderIn } from '../apps/server/test/order-fixtures.ts';
import { closeJourney, diagnoseOnFailure, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
  // This month's work of two departments (the test district has no history): closed, and still being handled.
  for (const [state, unit] of [['closed', 'WJ-CGJ'], ['closed', 'WJ-CGJ'], ['handling', 'WJ-CGJ'], ['closed', 'WJ-JTJ'], ['pending_check', 'WJ-JTJ']] as const) {
    await orderIn(s, state, { dispatchTo: unit });
  }
}, 180_000);
afterAll(() => closeJourney(s, browser));

it('a leader ranks the departments for the month and opens the orders behind a figure', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'leader');
  await page.getByRole('menu', { name: '功能导航' }).getByText('考核排名').click();
  const api: Assessment = (await (await s.as('leader')).get('/api/v1/assessment/units?period=month&kind=department')).body;
  const top = api.rows.find((r) => r.rank === 1)!;
  const table = page.getByRole('table');
  await table.getByRole('cell', { name: top.subject.name, exact: true }).waitFor({ timeout: 20_000 });
  // The first row is the first in rank, with its score as the API gives it.
  const first = table.getByRole('row').nth(1);
  expect(await first.innerText()).toContain(top.subject.name);
  expect(await first.innerText()).toContain(top.score!.toFixed(1));
  await shot(page, 'assessment-units-1920');

  // Its completion rate opens the orders counted below the line: as many as the figure says.
  const figure = top.figures.find((f) => f.code === 'completion_rate')!;
  await page.getByRole('button', { name: `查看 ${top.subject.name} 的办结率对应工单` }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByText(`${top.subject.name} · 办结率`).waitFor();
  const drill = (await (await s.as('leader')).get(`/api/v1/assessment/units/${top.subject.id}/indicators/completion_rate/orders?period=month`)).body;
  expect(drill.total).toBe(figure.denominator);
  // Each order below the line is a row of the drawer's table (and one more for its header).
  await expect.poll(() => drawer.getByRole('row').count()).toBe(drill.total + 1);
  await shot(page, 'assessment-drill-1920');
  const code = drill.items[0].code as string;
  await drawer.getByRole('link', { name: code }).click();
  await page.getByText(code).first().waitFor();
  expect(page.url()).toMatch(new RegExp(`/orders/${drill.items[0].id}$`));

  // The towns, in the same period.
  await page.goBack();
  await page.getByRole('radiogroup', { name: '考核对象' }).getByText('镇（街道）').click();
  await table.getByRole('cell', { name: '松陵街道', exact: true }).waitFor();
  await shot(page, 'assessment-towns-1920');
  await context.close();
});

it('on a laptop, a department handler sees his own row only', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'cgj_handler');
  await page.getByRole('menu', { name: '功能导航' }).getByText('考核排名').click();
  await page.getByRole('table').getByRole('cell', { name: '吴江区城市管理局（综合行政执法局）', exact: true }).waitFor({ timeout: 20_000 });
  expect(await page.getByRole('table').getByRole('row').count()).toBe(2); // the header and his unit
  await shot(page, 'assessment-handler-1366');
  await context.close();
});
