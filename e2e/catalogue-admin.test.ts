/**
 * The catalogue editor in the console (事件部件清单维护), in Debian's Chromium: an administrator adds a minor class
 * under a major, adds its case-opening condition with its responsible units — a second lead refused next to the
 * rules, in Chinese, nothing saved — then changes the units, and takes the class out of use; the page in English.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { chooseOption, closeJourney, openJourney, shot, signIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));

const row = async <T>(sql: string, params: unknown[] = []) => (await s.platform.db.query<T>(sql, params)).rows[0];

/** A choice among buttons (antd's radio buttons hide the radio itself): its label clicked, then the radio checked. */
async function choose(group: Locator, name: string): Promise<void> {
  await group.getByText(name, { exact: true }).click();
  await expect.poll(() => group.getByRole('radio', { name }).isChecked()).toBe(true);
}

it('an administrator adds a minor class and its condition with responsible units, changes them, and takes the class out of use', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await signIn(page, s.base, 'admin');
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();
  await page.getByRole('tab', { name: '事件部件清单' }).click();
  const major = (await row<{ code: string; name: string }>(`select code, name from categories where level = 'major' and kind = 'event' and active order by sort limit 1`))!;

  // 新增小类 under the first event major.
  await page.getByLabel('查找分类（名称或编码）').fill(major.name);
  await page.getByRole('tree', { name: '分类' }).getByText(`${major.code} ${major.name}`, { exact: true }).click();
  await page.getByText(`分类信息 · ${major.name}`).waitFor();
  await page.getByRole('button', { name: '新增小类' }).click();
  const categoryDialog = page.getByRole('dialog');
  await categoryDialog.getByLabel('分类编码').fill('T06902');
  await categoryDialog.getByLabel('分类名称').fill('共享单车乱停放');
  await categoryDialog.getByLabel('标准依据').fill('local');
  await categoryDialog.getByRole('button', { name: '确定', exact: true }).click();
  await categoryDialog.waitFor({ state: 'hidden' });
  await page.getByText('分类信息 · 共享单车乱停放').waitFor();
  expect(await row(`select parent_code, kind, level from categories where code = 'T06902'`)).toEqual({ parent_code: major.code, kind: 'event', level: 'minor' });

  // 新增立案条件: two leads are refused next to the rules; as lead and co-handler it is saved.
  await page.getByRole('button', { name: '新增立案条件' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('立案条件', { exact: true }).fill('共享单车在人行道、盲道集中乱停放');
  await dialog.getByLabel('签收时限', { exact: true }).fill('2');
  await dialog.getByLabel('办结时限', { exact: true }).fill('1');
  await dialog.getByLabel('结案标准').fill('车辆清理或规整，通行无阻');
  await chooseOption(page, dialog, '第 1 条 单位', '城市管理', '吴江区城市管理局（综合行政执法局）');
  await dialog.getByRole('button', { name: '添加一条' }).click();
  const role2 = dialog.getByRole('radiogroup', { name: '第 2 条 主办或协办' });
  await choose(role2, '主办');
  await choose(dialog.getByRole('radiogroup', { name: '第 2 条 责任对象' }), '属地');
  await shot(page, 'admin-condition-new-1920');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.getByText(/主办单位只能有一个/).waitFor();
  expect(await row(`select 1 from category_conditions where category_code = 'T06902'`)).toBeUndefined();
  await shot(page, 'admin-condition-refused-1920');
  await choose(role2, '协办');
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const conditions = page.getByRole('table', { name: '立案条件' });
  await expect.poll(() => conditions.innerText()).toContain('协办：属地');
  const saved = (await row<{ id: number; code: string; response_value: number }>(`select id, code, response_value from category_conditions where category_code = 'T06902'`))!;
  expect(saved).toMatchObject({ code: 'T06902-01', response_value: 2 });
  expect((await s.platform.db.query(`select role, unit_id is not null as fixed, territorial from condition_units where condition_id = $1 order by id`, [saved.id])).rows).toEqual([
    { role: 'lead', fixed: true, territorial: false },
    { role: 'co', fixed: false, territorial: true },
  ]);
  await shot(page, 'admin-catalogue-1920');

  // 责任单位: the water bureau leads in Songling (a rule for one town).
  await conditions.getByRole('button', { name: '责任单位 T06902-01' }).click();
  const rules = page.getByRole('dialog');
  await rules.getByRole('button', { name: '添加一条' }).click();
  await choose(rules.getByRole('radiogroup', { name: '第 3 条 主办或协办' }), '主办');
  await chooseOption(page, rules, '第 3 条 单位', '水务', '吴江区水务局');
  await chooseOption(page, rules, '第 3 条 适用区域', '松陵', '松陵街道');
  await shot(page, 'admin-condition-units-1920');
  await rules.getByRole('button', { name: '确定', exact: true }).click();
  await rules.waitFor({ state: 'hidden' });
  await expect.poll(() => conditions.innerText()).toContain('主办：吴江区水务局（松陵街道）');
  expect((await s.platform.db.query(`select area_code from condition_units where condition_id = $1 and area_code is not null`, [saved.id])).rows).toEqual([{ area_code: '320509001000' }]);

  // 停用: no longer offered at intake.
  await page.getByRole('button', { name: '停用', exact: true }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('button', { name: '确定', exact: true }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByRole('tree', { name: '分类' }).getByText('T06902 共享单车乱停放（停用）').waitFor();
  expect((await row<{ active: boolean }>(`select active from categories where code = 'T06902'`))?.active).toBe(false);

  // At 1366 and in English.
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot(page, 'admin-catalogue-1366');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Put back in use' }).waitFor();
  const text = await page.getByRole('main').innerText();
  for (const zh of ['立案条件', '责任单位', '新增大类', '分类信息']) expect(text).not.toContain(zh);
  await shot(page, 'admin-catalogue-en-1366');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();
}, 180_000);
