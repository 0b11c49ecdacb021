/**
 * The supervision ladder on a real database, below HTTP, on the minimal seed: each level does what its row in
 * supervision_levels says (task and its limit, recipients, special report), and a level added by data works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { MINIMAL_SEED } from '../../test/seeds.ts';
import { minimalWorld, type MinimalWorld } from '../../test/factories.ts';
import { DomainError } from '../shared/errors.ts';
import { superviseOrder } from './supervise-order.ts';
import { listLevels } from './levels.ts';

let t: TestDatabase;
let w: MinimalWorld;
beforeAll(async () => {
  t = await createTestDb(MINIMAL_SEED);
  w = await minimalWorld(t.db, new Date('2026-03-02T02:00:00Z'));
});
afterAll(() => t?.close());

const raise = (orderId: number, level: number, note = '请尽快处置') => superviseOrder(t.db, w.as('t_supervisor'), orderId, { level, note }, w.services);
const messages = async (orderId: number, template: string) =>
  (await t.db.query<{ channel: string; recipient: { kind: string; unitId?: number } }>('select channel, recipient from outbox where order_id = $1 and template = $2 order by id', [orderId, template])).rows;

describe('the supervision ladder as data', () => {
  it('the five built-in levels', async () => {
    expect((await listLevels(t.db)).map((l) => [l.level, l.nameZh, l.hasTask, l.producesReport])).toEqual([
      [1, '电子催办', false, false],
      [2, '人工交办', true, false],
      [3, '现场督办', true, false],
      [4, '短信督办', false, false],
      [5, '专报批办', false, true],
    ]);
  });

  it('level 2 gives the unit a task with the level’s default limit; level 4 texts its leader; level 5 writes the special report', async () => {
    const o = await w.orderIn('handling');
    const cgj = await w.unitId('T-CGJ');
    const two = await raise(o.id, 2);
    expect(two).toMatchObject({ level: 2, levelName: '人工交办', unitId: cgj, status: 'open' });
    const calendar = await w.services.calendar(t.db);
    // 10:00 + 4 working hours, over the lunch break (12:00–13:30): 15:30.
    expect(two.taskDueAt).toBe(calendar.addDuration(w.clock.now, 4, 'working_hours').toISOString());
    expect(new Date(two.taskDueAt!).getTime() - w.clock.now.getTime()).toBe(5.5 * 3_600_000);
    expect(await messages(o.id, 'supervision.assigned')).toEqual([{ channel: 'inbox', recipient: { kind: 'unit', unitId: cgj } }]);
    expect((await raise(o.id, 4)).taskDueAt).toBeNull();
    expect((await messages(o.id, 'supervision.sms')).map((m) => m.channel)).toEqual(['sms', 'inbox']); // the leader by SMS, the unit's inbox too
    const five = await raise(o.id, 5);
    expect(five.reportDocxId).not.toBeNull();
    expect(five.reportHtmlId).not.toBeNull();
  });

  it('a level added by data (约谈) with its template is raised like the others; an unknown level is refused', async () => {
    await t.db.exec(`
      insert into supervision_levels (level, name_zh, name_en, template, notify, has_task, task_hours) values (6, '约谈', 'interview', 'supervision.interview', array['unit'], true, 2);
      insert into message_templates (code, lang, subject, body) values
        ('supervision.interview', 'zh', '约谈', '{{unitName}}：请于{{dueAt}}前到中心约谈（工单{{orderCode}}）'),
        ('supervision.interview', 'en', 'Interview', '{{unitName}}: come to the centre before {{dueAt}} (order {{orderCode}})');`);
    const o = await w.orderIn('handling');
    const six = await raise(o.id, 6);
    expect(six).toMatchObject({ level: 6, levelName: '约谈' });
    expect(new Date(six.taskDueAt!).getTime() - w.clock.now.getTime()).toBe(2 * 3_600_000);
    const body = (await t.db.query<{ body: string }>(`select body from outbox where order_id = $1 and template = 'supervision.interview'`, [o.id])).rows[0]!.body;
    expect(body).toMatch(/^测试区城管局：请于.+前到中心约谈（工单LD\d+）$/);
    const refused = await raise(o.id, 9).catch((e: DomainError) => e);
    expect(refused).toMatchObject({ status: 422, field: 'level' });
  });
});
