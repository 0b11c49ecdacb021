/** The period a page asks figures for: its kind and a day inside it (China time, YYYY-MM-DD). */
import type { PeriodKind } from '@liandong/contracts';

export interface PeriodChoice {
  period: Exclude<PeriodKind, 'custom'>;
  date: string;
}

/** Today in China, as the server counts days. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
