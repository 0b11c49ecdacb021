/**
 * The lines a warning rule draws, for other features that flag the same thing (the caller's history flags a
 * repeated caller and a repeated place by the same thresholds as the warnings, so a flag and a warning agree).
 */
import type { Queryable } from '@liandong/db';
import type { WarningKind } from '@liandong/contracts';
import { DEFAULT_PARAMS, paramsOf, type ParamsOf } from './rule-params.rules.ts';

/** The thresholds of the first enabled rule of a kind (by code), or the defaults when none is enabled. */
export async function ruleLinesOf<K extends WarningKind>(q: Queryable, kind: K): Promise<ParamsOf[K]> {
  const r = await q.query<{ params: unknown }>('select params from warning_rules where kind = $1 and enabled order by code limit 1', [kind]);
  return r.rows[0] ? paramsOf(kind, r.rows[0].params) : DEFAULT_PARAMS[kind];
}
