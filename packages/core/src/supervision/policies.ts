/**
 * The supervision and escalation policies (督办策略) as data: at which share of a step's limit which level is
 * raised or the order escalated. Administrators list and change them; the clock reads them when a step starts.
 */
import type { Queryable } from '@liandong/db';
import type { PolicyUpdate, PolicyView } from '@liandong/contracts';
import { notFound, unprocessable } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';

const POLICY = { zh: '督办策略', en: 'Policy' };

const COLUMNS = `id, name, step, share::float8 as share, action, level, category_prefix as "categoryPrefix", urgency,
  order_level as "orderLevel", task_hours::float8 as "taskHours", notify, active`;

export async function listPolicies(q: Queryable): Promise<PolicyView[]> {
  return (await q.query<PolicyView>(`select ${COLUMNS} from supervision_policies order by step, share, id`)).rows;
}

/** Changes a policy's share, level (supervision policies only), task limit or activity; administrators only. */
export async function updatePolicy(q: Queryable, actor: Actor, id: number, b: PolicyUpdate): Promise<PolicyView> {
  assertMay(actor, 'supervision.policies');
  if (b.level !== undefined && !(await q.query('select 1 from supervision_levels where level = $1', [b.level])).rows[0]) {
    throw unprocessable('level', `没有第 ${b.level} 级督办（见督办级别）`, `There is no supervision level ${b.level} (see the supervision levels)`);
  }
  const r = await q.query<PolicyView>(
    `update supervision_policies set share = coalesce($2, share), level = case when action = 'supervise' then coalesce($3, level) else level end,
            task_hours = coalesce($4, task_hours), active = coalesce($5, active) where id = $1 returning ${COLUMNS}`,
    [id, b.share ?? null, b.level ?? null, b.taskHours ?? null, b.active ?? null],
  );
  if (!r.rows[0]) throw notFound(POLICY);
  return r.rows[0];
}
