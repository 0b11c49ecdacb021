/** What the dashboard's filter bar chooses; every panel asks with all of it. */
import type { PeriodChoice } from '../assessment/period.ts';

export interface StatsFilters extends PeriodChoice {
  town?: string;
  category?: string;
  channel?: string;
  nature?: string;
  unit?: number;
}
