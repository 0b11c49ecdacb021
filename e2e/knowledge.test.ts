/**
 * 知识库 in Debian's Chromium: an operator types a consultation, the knowledge base suggests the article that
 * answers it, she picks it and the order closes directly (直接办结) with the article on its timeline; the console's
 * 知识库 page finds an article by pinyin initials and walks a new one through review. Controls are found by their
 * Chinese labels and roles; screenshots go to E2E_SCREENSHOTS when it is set.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { closeJourney, diagnoseOnFailure, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));

async function clickMap(page: Page): Promise<void> {
  const map = page.getByRole('application', { name: /地图/ });
  await expect.poll(() => map.locator('canvas').count(), { timeout: 15_000 }).toBe(1);
  await map.click();
  await expect.poll(() => page.getByRole('status', { name: '位置' }).innerText()).toMatch(/网格/);
}

it('an operator types a consultation, picks the suggested article, and the order closes with it on its timeline', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'zx_operator');
  await page.getByRole('menu', { name: '功能导航' }).getByText('来电登记').click();
  await page.getByRole('application', { name: /地图/ }).waitFor();
  await page.getByLabel('来电人').fill('刘女士');
  await page.getByLabel('诉求内容').fill('市民来电咨询社保卡丢了怎么补办');
  const suggestions = page.getByLabel('推荐的知识');
  const pick = suggestions.getByRole('button', { name: '以「社保卡丢失如何挂失和补办」作为答复' });
  await pick.waitFor({ timeout: 15_000 });
  await expect.poll(() => suggestions.locator('mark').count()).toBeGreaterThan(0);
  await pick.click();
  await page.getByText('答复引用知识：社保卡丢失如何挂失和补办').waitFor();
  expect(await page.getByLabel('答复内容').inputValue()).toContain('12333');
  await clickMap(page);
  await shot(page, 'knowledge-intake-1366');
  await page.getByRole('button', { name: '答复并直接办结' }).click();
  await page.getByText(/已答复并直接办结 LD\d+/).first().waitFor();
  const code = (await page.getByText(/已答复并直接办结 LD\d+/).first().innerText()).match(/LD\d+/)![0];
  const order = await (await s.as('zx_operator')).get(`/api/v1/orders/${code}`);
  expect(order.body.state.code).toBe('closed');
  const article = (await s.platform.db.query<{ id: number; use_count: number }>(`select id, use_count from kb_articles where title = '社保卡丢失如何挂失和补办'`)).rows[0]!;
  expect(order.body.timeline.at(-1)).toMatchObject({ action: 'answer', data: { direct: true, article: { id: article.id, title: '社保卡丢失如何挂失和补办' } } });
  expect(article.use_count).toBe(1);
  // The order's timeline says which article answered it.
  await page.getByRole('link', { name: '查看工单' }).click();
  await page.getByRole('region', { name: '流转记录' }).getByText('答复引用知识：社保卡丢失如何挂失和补办').waitFor();
  await shot(page, 'knowledge-timeline-1366');
  await context.close();
}, 120_000);

it('the console’s 知识库 finds an article by pinyin initials and walks a new one through review', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'zx_shiftlead');
  // At 1366 px the shift lead's menu folds its last pages into "…": go to the page by its address.
  await page.getByRole('menu', { name: '功能导航' }).waitFor();
  await page.goto(`${s.base}/knowledge`);
  await page.getByRole('table').getByRole('button', { name: /查看知识/ }).first().waitFor();
  await page.getByLabel('检索知识').fill('sbk');
  await page.getByLabel('检索知识').press('Enter');
  await page.getByRole('button', { name: '查看知识：社保卡丢失如何挂失和补办' }).waitFor();
  await shot(page, 'knowledge-search-1366');
  await page.getByLabel('检索知识').fill('');
  await page.getByLabel('检索知识').press('Enter');
  // A new article: written, submitted, published; its versions say who did what.
  await page.getByRole('button', { name: '新建知识' }).click();
  const drawer = page.getByRole('dialog', { name: '新建知识' });
  await drawer.getByLabel('标题').fill('电动自行车上牌登记');
  await drawer.getByLabel('正文').fill('新购电动自行车请在购车后 15 日内到公安交警部门指定点登记上牌。\n\n- 携带购车发票和合格证\n- 本人身份证');
  await drawer.getByRole('button', { name: '保存' }).click();
  const article = page.getByRole('dialog', { name: '电动自行车上牌登记' });
  await article.getByRole('button', { name: '提交审核' }).click();
  await article.getByRole('button', { name: '审核通过' }).click();
  await article.getByRole('region', { name: '版本记录' }).getByText('v3 审核通过').waitFor();
  await article.getByText('区中心值班长 陈静').first().waitFor();
  await shot(page, 'knowledge-review-1366');
  const found = await (await s.as('zx_operator')).get('/api/v1/knowledge/search?q=电动车上牌' as '/api/v1/knowledge/search');
  expect(found.body.items[0]?.title).toBe('电动自行车上牌登记');
  await context.close();
}, 120_000);
