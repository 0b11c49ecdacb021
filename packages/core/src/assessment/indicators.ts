/** Every indicator, by subject and by code (units: unit-indicators.ts; areas: area-indicators.ts; grid workers: worker-indicators.ts). */
import type { AssessmentSubject, IndicatorCode } from '@liandong/contracts';
import type { IndicatorDef } from './indicator.types.ts';
import { UNIT_INDICATOR_DEFS } from './unit-indicators.ts';
import { AREA_INDICATOR_DEFS } from './area-indicators.ts';
import { WORKER_INDICATOR_DEFS } from './worker-indicators.ts';

export type { IndicatorDef };
export const INDICATOR_DEFS: readonly IndicatorDef[] = [...UNIT_INDICATOR_DEFS, ...AREA_INDICATOR_DEFS, ...WORKER_INDICATOR_DEFS];
export const INDICATOR_BY_CODE = new Map<IndicatorCode, IndicatorDef>(INDICATOR_DEFS.map((d) => [d.code, d]));
export const indicatorsOf = (subject: AssessmentSubject) => INDICATOR_DEFS.filter((d) => d.subjects.includes(subject));
