import type { AssessmentSubject, IndicatorCode, Lang } from '@liandong/contracts';

/**
 * An indicator as data: its name, what is counted above and below the line, and one SQL listing the counted items
 * of every subject for a period — (subject text, order_id, hit), hit meaning "also above the line" — with $1 the
 * period's start, $2 its end (exclusive), $3 now. `sql` is given the subject asked for (an area indicator counts by
 * the town's, the village's or the grid's code).
 */
export interface IndicatorDef {
  code: IndicatorCode;
  subjects: readonly AssessmentSubject[];
  kind: 'rate' | 'count';
  better: 'higher' | 'lower';
  name: Record<Lang, string>;
  numerator: Record<Lang, string>;
  denominator: Record<Lang, string>;
  sql: (subject: AssessmentSubject) => string;
}
