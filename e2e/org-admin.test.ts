/**
 * The administrator's organisation, calendar, grids and catalogue file in the console (系统管理), in Debian's
 * Chromium: a unit added below a sub-centre; a user refused for a bad username (the error next to the field), then
 * added with the one-time password shown once, and disabled; a day made a holiday; a grid's population corrected
 * and shown on the map; the catalogue exported and a file checked, then imported.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../apps/server/test/harness.ts';
import { chooseOption, closeJourney, openJourney, shot, signIn, submitIn } from './journey.ts';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ s, browser } = await openJourney());
}, 120_000);
afterAll(() => closeJourney(s, browser));

const row = async <T>(sql: string, params: unknown[] = []) => (await s.platform.db.query<T>(sql, params)).rows[0];

it('an administrator keeps the unit tree and the accounts', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await signIn(page, s.base, 'admin');
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();

  // 组织机构: a department under Songling's sub-centre.
  await page.getByLabel('查找单位').fill('松陵');
  await page.getByRole('tree', { name: '单位树' }).getByText('松陵街道网格化联动分中心').click();
  await page.getByRole('button', { name: '新增下级单位' }).click();
  const unitDialog = page.getByRole('dialog');
  await unitDialog.getByLabel('单位编码').fill('WJ-SL-AJ');
  await unitDialog.getByLabel('单位名称').fill('松陵街道安监所');
  await unitDialog.getByLabel('层级').click();
  await page.getByTitle('镇（街道）级', { exact: true }).click();
  await unitDialog.getByLabel('负责人').fill('陈所长');
  await shot(page, 'admin-unit-form-1920');
  await unitDialog.getByRole('button', { name: '确定', exact: true }).click();
  await unitDialog.waitFor({ state: 'hidden' });
  await page.getByText('单位信息 · 松陵街道安监所').waitFor();
  const unit = await row<{ id: number; parent_code: string }>(`select u.id, p.code as parent_code from units u join units p on p.id = u.parent_id where u.code = 'WJ-SL-AJ'`);
  expect(unit?.parent_code).toBe('WJ-ZX-320509001');
  await shot(page, 'admin-org-1920');

  // 用户管理: a bad username is refused next to its field, in Chinese; nothing saved.
  await page.getByRole('tab', { name: '用户管理' }).click();
  await page.getByRole('button', { name: '新增用户' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('用户名').fill('Chen Suozhang');
  await drawer.getByLabel('姓名').fill('陈所长');
  // The role picked from the list; on a busy machine the list may still be opening, so until the tag shows.
  await drawer.getByLabel('角色', { exact: true }).click();
  for (let i = 0; i < 3 && !/角色\s*承办人员/.test(await drawer.innerText()); i++) {
    await page.getByTitle('承办人员', { exact: true }).click();
    await page.waitForTimeout(300);
  }
  expect(await drawer.innerText()).toMatch(/角色\s*承办人员/);
  // Closes the roles' list by moving on (Escape could close the drawer itself once the list is shut).
  await drawer.getByLabel('手机号码').click();
  await drawer.getByRole('button', { name: '确定', exact: true }).click();
  await expect.poll(() => drawer.innerText(), { timeout: 15_000 }).toMatch(/用户名\s*须为 2–40 位小写字母/);
  expect(await row(`select 1 from users where display_name = '陈所长'`)).toBeUndefined();
  await shot(page, 'admin-user-error-1920');

  // The unit found by typing and picked from the tree's list, until its title shows in the drawer.
  await chooseOption(page, drawer, '所属单位', '安监所', '松陵街道安监所');
  await drawer.getByLabel('用户名').fill('sl_anjian');
  await submitIn(drawer);
  const info = page.getByRole('dialog', { name: '初始密码' });
  await info.waitFor();
  const password = (await info.getByLabel('初始密码').innerText()).trim();
  expect(password).toMatch(/^[A-Za-z2-9]{14}$/);
  await shot(page, 'admin-user-password-1920');
  await info.getByRole('button', { name: '确定', exact: true }).click();
  const created = await row<{ id: number; unit_id: number; must_change_password: boolean }>(`select id, unit_id, must_change_password from users where username = 'sl_anjian'`);
  expect(created).toMatchObject({ unit_id: unit!.id, must_change_password: true });

  // The new user signs in with it and must choose his own password first.
  const his = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } })).newPage();
  await his.goto(s.base);
  await his.getByLabel('用户名').fill('sl_anjian');
  await his.getByLabel('密码').fill(password);
  await his.getByRole('button', { name: '登录', exact: true }).click();
  await his.getByText('修改初始密码').waitFor();
  await his.getByLabel('初始密码').fill(password);
  await his.getByLabel('新密码', { exact: true }).fill('Anjian@Songling1');
  await his.getByLabel('确认新密码').fill('Anjian@Songling2');
  await his.getByText('两次输入的新密码不一致').waitFor();
  await shot(his, 'password-change-1366');
  await his.getByLabel('确认新密码').fill('Anjian@Songling1');
  await his.getByRole('button', { name: '确定', exact: true }).click();
  await his.getByRole('menu', { name: '功能导航' }).waitFor();
  expect((await row<{ must_change_password: boolean }>(`select must_change_password from users where username = 'sl_anjian'`))?.must_change_password).toBe(false);
  await his.context().close();

  // Disabled: out at once.
  await page.getByLabel('姓名或用户名').fill('sl_anjian');
  await page.getByLabel('姓名或用户名').press('Enter');
  await page.getByRole('button', { name: '停用 sl_anjian' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定', exact: true }).click();
  await expect.poll(async () => (await row<{ active: boolean }>(`select active from users where username = 'sl_anjian'`))?.active).toBe(false);
  await shot(page, 'admin-users-1920');

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByLabel('状态').click();
  await page.getByTitle('全部', { exact: true }).click();
  await page.getByLabel('姓名或用户名').fill('');
  await page.getByLabel('姓名或用户名').press('Enter');
  await page.getByRole('button', { name: '修改 admin' }).waitFor();
  await shot(page, 'admin-users-1366');

  // In English every string of the page changes.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Add a user' }).waitFor();
  await page.getByRole('button', { name: 'Edit admin' }).waitFor();
  const text = await page.getByRole('main').or(page.locator('body')).first().innerText();
  for (const zh of ['用户管理', '新增用户', '重置密码', '最近登录', '从未登录', '组织机构']) expect(text).not.toContain(zh);
  await page.getByRole('tab', { name: 'Organisation' }).click();
  await page.getByText('Choose a unit on the left').waitFor();
  await shot(page, 'admin-org-en-1366');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();
}, 180_000);

it('an administrator sets a holiday, corrects a grid and imports the catalogue file', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, s.base, 'admin');
  await page.getByRole('menu', { name: '功能导航' }).getByText('系统管理').click();

  // 工作日历: 2026-03-04 becomes a rest day.
  await page.getByRole('tab', { name: '工作日历' }).click();
  await page.getByLabel('年份').fill('2026');
  await page.getByRole('button', { name: '2026-10-01 休 国庆节' }).waitFor();
  await page.getByRole('button', { name: '2026-03-04 班' }).click();
  const dayDialog = page.getByRole('dialog');
  await dayDialog.getByLabel('休息日').check();
  await dayDialog.getByLabel('名称').fill('防汛补休');
  await dayDialog.getByRole('button', { name: '确定', exact: true }).click();
  await page.getByRole('button', { name: '2026-03-04 休 防汛补休' }).waitFor();
  expect(await row(`select is_workday, name from calendar_days where day = '2026-03-04'`)).toEqual({ is_workday: false, name: '防汛补休' });
  await shot(page, 'admin-calendar-1920');

  // 网格管理: a grid shown on the map and its population corrected.
  await page.getByRole('tab', { name: '网格管理' }).click();
  const grids = page.getByRole('table', { name: '网格管理' });
  const show = grids.getByRole('button', { name: /^定位 / }).first();
  await show.waitFor();
  const code = (await show.getAttribute('aria-label'))!.replace('定位 ', '');
  await page.getByRole('button', { name: `定位 ${code}` }).click();
  await page.getByRole('region', { name: '网格地图' }).or(page.getByLabel('网格地图')).first().waitFor();
  await page.getByRole('button', { name: `修改 ${code}` }).click();
  const gridDialog = page.getByRole('dialog');
  await gridDialog.getByLabel('实有人口').fill('1520');
  await gridDialog.getByRole('button', { name: '确定', exact: true }).click();
  await gridDialog.waitFor({ state: 'hidden' });
  await expect.poll(async () => (await row<{ population: number }>('select population from grids where code = $1', [code]))?.population).toBe(1520);
  await page.waitForTimeout(1500);
  await shot(page, 'admin-grids-1920');

  // 事件部件清单: the export downloads; the file checked, then imported.
  await page.getByRole('tab', { name: '事件部件清单' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /导出清单/ }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  });
  expect(csv.subarray(3).toString('utf8')).toMatch(/^kind,major_code/);
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('点击或拖入 CSV 清单文件').click();
  await (await chooser).setFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByText(/校验通过：\d+ 个分类、\d+ 个立案条件，可以导入/).waitFor();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText(/导入完成：\d+ 个分类/).waitFor();
  await shot(page, 'admin-catalogue-file-1920');
  await context.close();
}, 180_000);
