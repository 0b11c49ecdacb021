/**
 * 修改立案条件: an administrator changes a condition's limits, closing standard, urgency or whether it is in use.
 * Orders dispatched afterwards take the new limits; clocks already running keep theirs.
 */
import type { Db } from '@liandong/db';
import type { ConditionPatch } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { notFound } from '../shared/errors.ts';
import { CONDITION_COLUMNS, toCondition } from './catalogue.repository.ts';
import type { Condition } from './catalogue.types.ts';

const COLUMNS: Record<keyof ConditionPatch, string> = {
  responseValue: 'response_value',
  responseUnit: 'response_unit',
  handleValue: 'handle_value',
  handleUnit: 'handle_unit',
  closingStandard: 'closing_standard',
  urgency: 'urgency',
  active: 'active',
};

export async function updateCondition(db: Db, actor: Actor, id: number, patch: ConditionPatch): Promise<Condition> {
  assertMay(actor, 'catalogue.manage');
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof ConditionPatch, string][]) {
    if (patch[key] === undefined) continue;
    params.push(patch[key]);
    sets.push(`${column} = $${params.length}`);
  }
  const r = await db.query<Condition>(`update category_conditions set ${sets.join(', ')} where id = $1 returning ${CONDITION_COLUMNS}`, params);
  if (!r.rows[0]) throw notFound({ zh: '立案条件', en: 'Case-opening condition' });
  return toCondition(r.rows[0]);
}
