/**
 * The administrator in the console (系统管理), in Debian's Chromium: a grid file with a mistake is checked and its
 * problem shown by feature and field, the corrected file imported; a catalogue condition's limit edited.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { closeJourney, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));


const grid = (code: string, name: string) => ({
  type: 'Feature',
  properties: { code, name, kind: 'professional', specialty: 'environment', townCode: '320509002000' },
  geometry: { type: 'Polygon', coordinates: [[[120.52, 31.07], [120.525, 31.07], [120.525, 31.075], [120.52, 31.075], [120.52, 31.07]]] },
});
const file = (features: unknown[]) => ({ name: 'grids.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) });

async function choose(page: Page, f: ReturnType<typeof file>): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('点击或拖入 GeoJSON 网格文件').click();
  await (await chooser).setFiles(f);
}

it('an administrator imports a grid file after fixing what the check showed, and edits a catalogue limit', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await signIn(page, s.base, 'admin');
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();
  await page.getByRole('tab', { name: '网格导入' }).click();

  await choose(page, file([grid('HB-E2E-1', '环保网格一'), grid('HB-E2E-2', '')]));
  const problems = page.getByRole('table', { name: '问题' });
  await expect.poll(() => problems.innerText()).toContain('features[1].properties.name');
  expect(await page.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
  await shot(page, 'admin-grid-problems-1920');

  await choose(page, file([grid('HB-E2E-1', '环保网格一'), grid('HB-E2E-2', '环保网格二')]));
  await page.getByText('2 个要素全部校验通过，可以导入').waitFor();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('导入完成：新增 2 个，更新 0 个网格').waitFor();
  expect((await s.platform.db.query(`select code from grids where code like 'HB-E2E-%' order by code`)).rows).toEqual([{ code: 'HB-E2E-1' }, { code: 'HB-E2E-2' }]);

  await page.getByRole('tab', { name: '事件部件清单' }).click();
  await page.getByLabel('查找分类（名称或编码）').fill('06006');
  await page.getByRole('tree', { name: '分类' }).getByText(/^06006 /).click();
  const conditions = (await (await s.as('admin')).get('/api/v1/catalogue/categories/06006/conditions')).body;
  const c = conditions[0]!;
  await page.getByRole('button', { name: `修改 ${c.code}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('办结时限', { exact: true }).fill('5');
  await shot(page, 'admin-condition-1920');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const after = (await (await s.as('admin')).get('/api/v1/catalogue/categories/06006/conditions')).body.find((x) => x.id === c.id)!;
  expect(after.handleValue).toBe(5);
  await expect.poll(() => page.getByRole('row', { name: new RegExp(c.code) }).innerText()).toContain('5 ');
  await context.close();
}, 120_000);
