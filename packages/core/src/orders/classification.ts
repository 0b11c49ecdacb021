import type { Queryable } from '@liandong/db';
import { unprocessable } from '../shared/errors.ts';
import { chooseCondition, describeOptions, type ConditionOption } from '../catalogue/condition-choice.rules.ts';

export interface Classification {
  categoryCode: string;
  conditionId: number | null;
  conditionCode: string | null;
  conditionDescription: string | null;
  urgency: string;
  /** How the condition was chosen: named by the user, the category's only one, or implied by the order's text. */
  how: 'named' | 'only' | 'text' | null;
}

/**
 * The classification an order takes under a category, from the category's active conditions (立案条件) — see
 * condition-choice.rules.ts. When the condition cannot be told, `mustChoose` (accepting, classifying) refuses with
 * the choices; otherwise (registering a report) the order keeps the category and waits for the dispatcher's choice.
 */
export function classificationOf(categoryCode: string, options: readonly ConditionOption[], conditionCode: string | undefined, text: string, mustChoose: boolean): Classification {
  const choice = chooseCondition(options, conditionCode, text);
  const open: Classification = { categoryCode, conditionId: null, conditionCode: null, conditionDescription: null, urgency: 'normal', how: null };
  switch (choice.kind) {
    case 'unknown-code':
      throw unprocessable('conditionCode', `立案条件 ${conditionCode} 不属于分类 ${categoryCode}`, `Condition ${conditionCode} does not belong to category ${categoryCode}`);
    case 'ambiguous':
      if (!mustChoose) return open;
      throw unprocessable(
        'conditionCode',
        `分类 ${categoryCode} 有 ${choice.options.length} 个立案条件，请选择：${describeOptions(choice.options)}`,
        `Category ${categoryCode} has ${choice.options.length} case-opening conditions; choose one: ${choice.options.map((o) => o.code).join(', ')}`,
      );
    case 'none':
      return open;
    case 'chosen': {
      const c = choice.condition;
      return { categoryCode, conditionId: c.id, conditionCode: c.code, conditionDescription: c.description, urgency: c.urgency, how: choice.how };
    }
  }
}

/** Resolves a category code (and optionally one of its conditions) to what the order stores. Only active minor classes classify. */
export async function resolveClassification(q: Queryable, categoryCode: string, conditionCode: string | undefined, text: string, mustChoose = true): Promise<Classification> {
  const cat = await q.query<{ code: string }>(`select code from categories where code = $1 and level = 'minor' and active`, [categoryCode]);
  if (!cat.rows[0]) {
    throw unprocessable('categoryCode', `分类代码 ${categoryCode} 不存在或不是小类`, `Category ${categoryCode} does not exist or is not a minor class`);
  }
  const options = await q.query<ConditionOption>(
    'select id, code, description, urgency from category_conditions where category_code = $1 and active order by id',
    [categoryCode],
  );
  return classificationOf(categoryCode, options.rows, conditionCode, text, mustChoose);
}
