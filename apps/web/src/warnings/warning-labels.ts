/** What the warnings list and drawer share: the colours of kinds and states, a warning's subject in a few words. */
import type { WarningKind, WarningState, WarningView } from '@liandong/contracts';

export const KIND_COLOURS: Record<WarningKind, string> = { spike: 'red', repeat_caller: 'magenta', repeat_place: 'volcano', at_risk: 'orange', backlog: 'gold' };
export const STATE_COLOURS: Record<WarningState, string> = { new: 'red', acknowledged: 'blue', resolved: 'default' };

/** A warning's subject in a few words: the area, the caller, the order or the unit. */
export function subjectText(w: WarningView, t: (k: string, o?: Record<string, unknown>) => string): string {
  const s = w.subject;
  if (s.phone) return t('warnings.caller', { phone: s.phone });
  if (s.order) return `${s.order.code} · ${s.unit?.name ?? ''}`;
  if (s.unit) return s.unit.name;
  return [s.area?.name, s.category?.name].filter(Boolean).join(' · ') || t('warnings.none');
}

