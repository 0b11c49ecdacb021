/** The indicators as the API lists them, in the reader's language. */
import type { IndicatorView, Lang } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { INDICATOR_DEFS } from './indicators.ts';

export function indicatorList(actor: Actor, lang: Lang): IndicatorView[] {
  assertMay(actor, 'assessment.view');
  return INDICATOR_DEFS.map((d) => ({ code: d.code, subjects: [...d.subjects], name: d.name[lang], kind: d.kind, better: d.better, numerator: d.numerator[lang], denominator: d.denominator[lang] }));
}
