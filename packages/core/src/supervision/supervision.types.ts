import type { Step } from '@liandong/contracts';

/** A level of the ladder: a row of supervision_levels (1–5 built in, more by data). */
export type SupervisionLevel = number;

export interface SupervisionRow {
  id: number;
  order_id: number;
  level: SupervisionLevel;
  step: Step | null;
  unit_id: number | null;
  policy_id: number | null;
  raised_by: number | null;
  raised_at: Date;
  note: string | null;
  task_due_at: Date | null;
  status: 'open' | 'replied' | 'closed';
  reply: string | null;
  replied_at: Date | null;
  replied_by: number | null;
  report_docx_id: number | null;
  report_html_id: number | null;
  reviewed_at: Date | null;
  reviewed_by: number | null;
  review_note: string | null;
  instruction: string | null;
  instructed_at: Date | null;
  instructed_by: number | null;
}

export interface PolicyRow {
  id: number;
  name: string;
  step: Step;
  share: number;
  action: 'supervise' | 'escalate';
  level: SupervisionLevel | null;
  category_prefix: string | null;
  urgency: string | null;
  order_level: string | null;
  task_hours: number | null;
  notify: NotifyTarget[] | null;
  active: boolean;
}

/** Whom a supervision level notifies (supervision_policies.notify). */
export type NotifyTarget = 'unit' | 'unit_leader' | 'centre' | 'wecom' | 'dingtalk';
