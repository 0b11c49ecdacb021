import type { Queryable } from '@liandong/db';
import { unprocessable } from '../shared/errors.ts';

export interface Classification {
  categoryCode: string;
  conditionId: number | null;
  urgency: string;
}

/**
 * Resolves a category code (and optionally one of its case-opening conditions 立案条件) to what the
 * order stores. Only active minor classes can classify an order.
 */
export async function resolveClassification(q: Queryable, categoryCode: string, conditionCode?: string): Promise<Classification> {
  const cat = await q.query<{ code: string }>(`select code from categories where code = $1 and level = 'minor' and active`, [categoryCode]);
  if (!cat.rows[0]) {
    throw unprocessable('categoryCode', `分类代码 ${categoryCode} 不存在或不是小类`, `Category ${categoryCode} does not exist or is not a minor class`);
  }
  const cond = await q.query<{ id: number; urgency: string; code: string }>(
    `select id, urgency, code from category_conditions where category_code = $1 and active
       and ($2::text is null or code = $2) order by id limit 1`,
    [categoryCode, conditionCode ?? null],
  );
  const c = cond.rows[0];
  if (conditionCode && !c) {
    throw unprocessable('conditionCode', `立案条件 ${conditionCode} 不属于分类 ${categoryCode}`, `Condition ${conditionCode} does not belong to category ${categoryCode}`);
  }
  return { categoryCode, conditionId: c?.id ?? null, urgency: c?.urgency ?? 'normal' };
}
