/**
 * 惯用语: the phrases operators insert into a description or an answer with a click, kept by the centre in the
 * settings table ('intake.phrases'); until an administrator sets them, the usual ones of a 12345 hotline.
 */
import type { Queryable } from '@liandong/db';
import type { StockPhrases } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { hasRole } from '../../org/actor.ts';
import { assertMay } from '../../org/permissions.rules.ts';
import { forbidden, invalidField } from '../../shared/errors.ts';

const KEY = 'intake.phrases';

export const DEFAULT_STOCK_PHRASES: readonly string[] = [
  '市民来电反映：',
  '市民来电咨询：',
  '市民来电投诉：',
  '市民来电求助：',
  '市民要求尽快处理并回复。',
  '市民要求匿名处理，不得透露其个人信息。',
  '该问题市民已多次反映，请重点关注。',
  '请相关部门尽快到现场核实处理。',
  '已告知市民按规定时限办理并回访。',
  '已告知市民咨询渠道及办理流程。',
];

export async function readStockPhrases(q: Queryable, actor: Actor): Promise<StockPhrases> {
  if (hasRole(actor, 'citizen') && actor.roles.size === 1) throw forbidden('群众不能查看惯用语', 'Citizens cannot read stock phrases');
  const r = await q.query<{ value: string[] }>('select value from settings where key = $1', [KEY]);
  return { phrases: r.rows[0]?.value ?? [...DEFAULT_STOCK_PHRASES] };
}

export async function setStockPhrases(q: Queryable, actor: Actor, phrases: readonly string[]): Promise<StockPhrases> {
  assertMay(actor, 'catalogue.manage');
  const clean = phrases.map((p) => p.trim());
  const empty = clean.findIndex((p) => !p);
  if (empty >= 0) throw invalidField(`phrases[${empty}]`, '不能为空', 'must not be empty');
  const unique = [...new Set(clean)];
  await q.query(
    `insert into settings (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [KEY, JSON.stringify(unique)],
  );
  return { phrases: unique };
}
