/**
 * 知识库 in Debian's Chromium: an operator types a consultation, the knowledge base suggests the article that
 * answers it, she picks it and the order closes directly (直接办结) with the article on its timeline; the console's
 * 知识库 page finds an article by pinyin initials and walks a new one through review — written by the shift lead,
 * published by another reviewer (四眼原则); an .xlsx with a bad row is refused row by row and nothing written, the
 * fixed file imported; an attachment uploaded in the editor, listed with its link and removed; a handled order
 * proposed as an article from its page. Controls are found by their Chinese labels and roles; screenshots go to
 * E2E_SCREENSHOTS when it is set.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { createOrder, expectOk } from '../apps/server/test/order-fixtures.ts';
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
  // 四眼原则: the writer may not publish it; the page says why and offers only 审核退回.
  await article.getByText(/四眼原则/).waitFor();
  expect(await article.getByRole('button', { name: '审核通过' }).count()).toBe(0);
  await shot(page, 'knowledge-four-eyes-1366');
  const id = new URL(page.url()).searchParams.get('open');
  const reviewer = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const admin = await reviewer.newPage();
  diagnoseOnFailure(admin);
  await signIn(admin, s.base, 'admin');
  await admin.getByRole('menu', { name: '功能导航' }).waitFor();
  await admin.goto(`${s.base}/knowledge?open=${id}`);
  const reviewed = admin.getByRole('dialog', { name: '电动自行车上牌登记' });
  await reviewed.getByRole('button', { name: '审核通过' }).click();
  await reviewed.getByRole('region', { name: '版本记录' }).getByText('v3 审核通过').waitFor();
  await reviewed.getByText('区中心值班长 陈静').first().waitFor();
  await reviewed.getByText('系统管理员').first().waitFor();
  await shot(admin, 'knowledge-review-1366');
  await reviewed.getByRole('button', { name: 'Close' }).or(reviewed.getByRole('button', { name: '关闭' })).first().click();
  await admin.getByRole('switch', { name: '允许审核本人编写的知识' }).waitFor();
  await shot(admin, 'knowledge-admin-1366');
  await reviewer.close();
  const found = await (await s.as('zx_operator')).get('/api/v1/knowledge/search?q=电动车上牌' as '/api/v1/knowledge/search');
  expect(found.body.items[0]?.title).toBe('电动自行车上牌登记');
  await context.close();
}, 120_000);

const XLSX = async (rows: string[][]): Promise<Buffer> => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('知识');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

it('imports an .xlsx — a bad row refused with nothing written, the fixed file as drafts — and an attachment is uploaded, listed and removed', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'kb-import-'));
  const header = ['title', 'unit_codes', 'keywords', 'valid_from', 'body'];
  const good = ['犬类登记办理', 'WJ-GAJ', '养犬;犬证', '2026-01-01', '携带犬只免疫证明到派出所办理登记。'];
  const badFile = join(folder, '知识导入-有误.xlsx');
  writeFileSync(badFile, await XLSX([header, good, ['', 'WJ-GAJ', '', '', '没有标题'], ['犬类年检', 'WJ-NOPE', '', '', '每年一次。']]));
  const fixedFile = join(folder, '知识导入.xlsx');
  writeFileSync(fixedFile, await XLSX([header, good, ['犬类年检', 'WJ-GAJ', '养犬', '', '每年一次，携带犬证。']]));
  const pngFile = join(folder, '办理流程图.png');
  writeFileSync(pngFile, PNG);
  const count = async () => (await s.platform.db.query<{ n: number }>('select count(*)::int as n from kb_articles')).rows[0]!.n;
  const before = await count();

  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'zx_shiftlead');
  await page.getByRole('menu', { name: '功能导航' }).waitFor();
  await page.goto(`${s.base}/knowledge`);
  await page.getByRole('link', { name: '导出 Excel' }).waitFor();
  const importInput = page.locator('input[type=file][accept*=".xlsx"]');
  await importInput.setInputFiles(badFile);
  const refused = page.getByRole('dialog', { name: '导入知识：知识导入-有误.xlsx' });
  await refused.getByText('2 行有误，未写入任何知识').waitFor();
  const problems = refused.getByRole('table', { name: '有误的行' });
  await problems.getByRole('row', { name: /3 title 标题不能为空/ }).waitFor();
  await problems.getByRole('row', { name: /4 unit_codes 单位编码 WJ-NOPE 不存在/ }).waitFor();
  await shot(page, 'knowledge-import-refused-1366');
  expect(await count()).toBe(before);
  await refused.getByRole('button', { name: '关闭' }).last().click();

  await importInput.setInputFiles(fixedFile);
  const imported = page.getByRole('dialog', { name: '导入知识：知识导入.xlsx' });
  await imported.getByText('已导入：新建草稿 2 条').waitFor();
  await imported.getByRole('table', { name: '导入的知识' }).getByText('犬类年检').waitFor();
  await shot(page, 'knowledge-imported-1366');
  expect(await count()).toBe(before + 2);
  await imported.getByRole('button', { name: '关闭' }).last().click();

  // An attachment: uploaded in the editor, saved with the article, listed with its link, then removed.
  await page.getByRole('button', { name: '查看知识：犬类登记办理' }).click();
  const drawer = page.getByRole('dialog', { name: '犬类登记办理' });
  await drawer.getByRole('button', { name: '编辑' }).click();
  await drawer.locator('input[type=file][accept*="image"]').setInputFiles(pngFile);
  await drawer.getByRole('link', { name: '办理流程图.png' }).waitFor();
  await drawer.getByRole('button', { name: '保存' }).click();
  const files = drawer.getByRole('list', { name: '附件' });
  const link = files.getByRole('link', { name: '办理流程图.png' });
  await link.waitFor();
  const href = await link.getAttribute('href');
  expect((await page.request.get(`${s.base}${href}`)).status()).toBe(200);
  // The version record names what changed in the editor's words, not the API's field names.
  await drawer.getByText('修改了：附件').waitFor();
  await shot(page, 'knowledge-attachment-1366');
  await drawer.getByRole('button', { name: '编辑' }).click();
  await drawer.getByRole('button', { name: /删除/ }).click();
  await drawer.getByRole('button', { name: '保存' }).click();
  await drawer.getByRole('region', { name: '版本记录' }).getByText('v3 修改').waitFor();
  expect(await drawer.getByRole('list', { name: '附件' }).count()).toBe(0);
  await context.close();
}, 120_000);

it('a shift lead proposes a handled order as an article from its page and lands in its editor', async () => {
  const f = await createOrder(s, { nature: 'consultation', categoryCode: null, description: '市民咨询犬只免疫去哪里打疫苗' });
  expectOk(await (await s.as('zx_operator')).post(`/api/v1/orders/${f.id}/actions/answer` as '/api/v1/orders/:id/actions/answer', { answer: '可到各镇动物防疫站免费接种狂犬疫苗。' }), 'answer');
  const open = await createOrder(s, { nature: 'consultation', categoryCode: null, description: '市民咨询尚未答复' });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  diagnoseOnFailure(page);
  await signIn(page, s.base, 'zx_shiftlead');
  await page.getByRole('menu', { name: '功能导航' }).waitFor();
  // No reply yet: not offered.
  await page.goto(`${s.base}/orders/${open.id}`);
  await page.getByRole('region', { name: '流转记录' }).waitFor();
  expect(await page.getByRole('button', { name: '提炼为知识' }).count()).toBe(0);
  await page.goto(`${s.base}/orders/${f.id}`);
  await page.getByRole('button', { name: '提炼为知识' }).waitFor();
  await shot(page, 'knowledge-propose-order-1366');
  await page.getByRole('button', { name: '提炼为知识' }).click();
  await page.waitForURL(/\/knowledge\?open=\d+&edit=1/);
  const editor = page.getByRole('dialog', { name: '市民咨询犬只免疫去哪里打疫苗' });
  await expect.poll(() => editor.getByLabel('正文').inputValue()).toContain('可到各镇动物防疫站免费接种狂犬疫苗。');
  expect(await editor.getByLabel('标题').inputValue()).toBe('市民咨询犬只免疫去哪里打疫苗');
  await shot(page, 'knowledge-proposed-1366');
  // An operator, who writes no articles, is not offered it.
  const op = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const opPage = await op.newPage();
  await signIn(opPage, s.base, 'zx_operator');
  await opPage.getByRole('menu', { name: '功能导航' }).waitFor();
  await opPage.goto(`${s.base}/orders/${f.id}`);
  await opPage.getByRole('region', { name: '流转记录' }).waitFor();
  expect(await opPage.getByRole('button', { name: '提炼为知识' }).count()).toBe(0);
  await op.close();
  await context.close();
}, 120_000);
