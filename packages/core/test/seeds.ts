/**
 * The seeds tests start from, built once per test run (vitest global setup) and cloned into each test's database:
 * `demo-district` is the demo district without its history (the stories and HTTP tests).
 */
import type { TestSeed } from '@liandong/db/testing.ts';
import { loadDemoDistrict } from '../src/demo/index.ts';

/** The password of every demo account in tests. */
export const DEMO_PASSWORD = 'demo-pass-123';

export const DEMO_SEED: TestSeed = {
  key: 'demo-district',
  run: async (db) => {
    await loadDemoDistrict(db, { password: DEMO_PASSWORD, components: 500 });
  },
};


/**
 * The smallest district the lifecycle needs, for database-tier tests of actions and supervision: one town with
 * one village and one grid, the district centre, the town's sub-centre, the village station, one department (its
 * leader has a phone), one person per role, and one category whose condition the department handles
 * (sign 2 working hours, handle 2 working days).
 */
export const MINIMAL_SEED: TestSeed = {
  key: 'minimal',
  run: async (db) => {
    const ring = [[120.60, 31.10], [120.62, 31.10], [120.62, 31.12], [120.60, 31.12], [120.60, 31.10]];
    await db.exec(`
      insert into divisions (code, name, level, parent_code) values
        ('320509000000', '测试区', 'district', null), ('320509001000', '测试街道', 'town', '320509000000'),
        ('320509001001', '测试社区', 'village', '320509001000');
      insert into grids (code, name, kind, level, village_code, town_code, district_code, geometry) values
        ('320509001001-01', '测试社区第1网格', 'basic', 4, '320509001001', '320509001000', '320509000000',
         '${JSON.stringify({ type: 'Polygon', coordinates: [ring] })}');
      insert into units (code, name, kind, level, division_code, leader_name, leader_phone) values
        ('T-ZX', '测试区联动指挥中心', 'centre', 'district', '320509000000', '张主任', '13900000001'),
        ('T-SUB', '测试街道分中心', 'sub_centre', 'town', '320509001000', null, null),
        ('T-ST', '测试社区工作站', 'station', 'village', '320509001001', null, null),
        ('T-CGJ', '测试区城管局', 'department', 'district', '320509000000', '李局长', '13900000002');
      insert into users (username, display_name, unit_id) values
        ('t_operator', '话务员甲', (select id from units where code = 'T-ZX')),
        ('t_dispatcher', '分拨员乙', (select id from units where code = 'T-ZX')),
        ('t_shift_lead', '值班长丙', (select id from units where code = 'T-ZX')),
        ('t_supervisor', '督办员丁', (select id from units where code = 'T-ZX')),
        ('t_handler', '城管局承办人', (select id from units where code = 'T-CGJ')),
        ('t_grid_worker', '网格员戊', (select id from units where code = 'T-ST'));
      insert into user_roles (user_id, role) select id, case username
        when 't_operator' then 'operator' when 't_dispatcher' then 'dispatcher' when 't_shift_lead' then 'shift_lead'
        when 't_supervisor' then 'supervisor' when 't_handler' then 'handler' else 'grid_worker' end from users where username like 't\\_%';
      insert into user_scopes (user_id, unit_id) select id, unit_id from users where username like 't\\_%' and username <> 't_grid_worker';
      insert into user_scopes (user_id, area_code) select id, '320509001001-01' from users where username = 't_grid_worker';
      insert into categories (code, kind, level, parent_code, name) values ('T01', 'event', 'major', null, '测试大类'), ('T01001', 'event', 'minor', 'T01', '占道经营');
      insert into category_conditions (code, category_code, description, response_value, response_unit, handle_value, handle_unit, closing_standard)
        values ('T01001-1', 'T01001', '占道经营影响通行', 2, 'working_hours', 2, 'working_days', '恢复通行');
      insert into condition_units (condition_id, role, unit_id) select id, 'lead', (select id from units where code = 'T-CGJ') from category_conditions where code = 'T01001-1';
    `);
  },
};

/** Every seed the global setup builds. */
export const TEST_SEEDS: readonly TestSeed[] = [DEMO_SEED, MINIMAL_SEED];
