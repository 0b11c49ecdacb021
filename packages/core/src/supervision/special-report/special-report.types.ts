/**
 * What a special report (专报, the fifth level of the supervision ladder) says, already resolved to the words
 * people read: labels in Chinese, reporters masked, limits and lateness in working terms. The renderers never
 * touch the database, so the report can be produced, tested and previewed from plain data; the code that
 * assembles this input from an order view decides what may be shown.
 */

import { SUPERVISION_LEVEL_LABELS, type SupervisionLevel } from '@liandong/contracts';

/** The supervision ladder: each level escalates the one before. */
export type { SupervisionLevel };

/** The levels' Chinese names, as the report prints them. */
export const SUPERVISION_LEVEL_NAMES: Readonly<Record<SupervisionLevel, string>> = {
  1: SUPERVISION_LEVEL_LABELS[1].zh,
  2: SUPERVISION_LEVEL_LABELS[2].zh,
  3: SUPERVISION_LEVEL_LABELS[3].zh,
  4: SUPERVISION_LEVEL_LABELS[4].zh,
  5: SUPERVISION_LEVEL_LABELS[5].zh,
};

export interface SpecialReportOrder {
  /** The order's code, e.g. 'LD20261117000123'. */
  code: string;
  /** A one-line summary shown under the title, e.g. '鲈乡南路污水井盖缺失'; null to leave it out. */
  summary: string | null;
  description: string;
  address: string | null;
  /** Channel label, e.g. '12345热线'. */
  channel: string;
  /** Request nature label, e.g. '投诉'. */
  nature: string;
  category: string | null;
  /** Urgency label, e.g. '紧急'. */
  urgency: string;
  town: string | null;
  village: string | null;
  grid: string | null;
  /** As the reader of the report may see it: masked, or null when hidden (confidential, anonymous) or absent. */
  reporter: { name: string | null; phone: string | null } | null;
  createdAt: Date;
}

export interface SpecialReportDeadline {
  /** Step label, e.g. '签收', '处置'. */
  step: string;
  /** The limit as people say it, e.g. '2 工作时', '3 工作日'. */
  limit: string;
  dueAt: Date;
  doneAt: Date | null;
  /** e.g. '超时 3 工作日 2 小时'; null when the step is (so far) in time. */
  overdueText: string | null;
}

export interface SpecialReportLateness {
  /** The late step, e.g. '处置'. */
  step: string;
  dueAt: Date;
  /** How late, in working terms, e.g. '超时 2 工作日'. */
  overdueText: string;
  /** The moment the lateness was measured; defaults to the report's issuedAt. */
  asOf?: Date;
  /** Anything the centre wants said about it (why it is late, what the unit said). */
  remark?: string;
}

export interface SpecialReportEvent {
  at: Date;
  actor: string | null;
  unit: string | null;
  /** Action label, e.g. '派遣', '签收', '申请延期'. */
  action: string;
  note: string | null;
}

export interface SpecialReportSupervision {
  level: number;
  /** The level's name (supervision_levels), e.g. '人工交办'. */
  levelName: string;
  at: Date;
  /** Who supervised: a unit, a person, or '系统' for the automatic reminder. */
  by: string;
  note: string | null;
}

export interface SpecialReportInput {
  /** e.g. '吴江联动专报〔2026〕第12号'. */
  reportNo: string;
  issuedAt: Date;
  /** The issuing centre, printed in red at the head and in the signature. */
  issuer: string;
  /** Whom the report is addressed to, e.g. '区委、区政府领导：'; omitted when absent. */
  addressee?: string;
  order: SpecialReportOrder;
  /** The centre that dispatched the order. */
  dispatchUnit: string;
  /** The unit handling it; null if it was never dispatched. */
  handlerUnit: string | null;
  deadlines: SpecialReportDeadline[];
  /** The step most overdue; null when no step is past its deadline (the report is raised by hand, ahead of lateness). */
  lateness: SpecialReportLateness | null;
  timeline: SpecialReportEvent[];
  supervisions: SpecialReportSupervision[];
  /** The centre's suggestions, one paragraph each (numbered （一）（二）…). */
  suggestions?: string[];
  /** What the leadership is asked to decide, e.g. '妥否，请领导批示。'. */
  request: string;
}
