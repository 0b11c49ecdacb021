import type { OrderLevel, StateCode, Step } from '@liandong/contracts';

export type Level = OrderLevel;

/** A row of `orders` as stored. */
export interface OrderRow {
  id: number;
  code: string;
  state: StateCode;
  channel: string;
  nature: string;
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  district_code: string | null;
  town_code: string | null;
  village_code: string | null;
  grid_code: string | null;
  professional_grid_codes: string[];
  category_code: string | null;
  condition_id: number | null;
  urgency: string;
  /** The urgency stated at intake (null: none stated); `urgency` is the higher of it and the condition's. */
  reported_urgency: string | null;
  level: Level;
  dispatch_unit_id: number | null;
  handler_unit_id: number | null;
  component_code: string | null;
  confidential: boolean;
  self_handled: boolean;
  solved_level: string | null;
  resume_state: StateCode | null;
  suspended_at: Date | null;
  pending_request: PendingRequest | null;
  satisfaction: string | null;
  substantive_dissatisfaction: boolean;
  return_count: number;
  rework_count: number;
  reopen_count: number;
  escalation_count: number;
  extension_count: number;
  verification_count: number;
  /** The action that brought it into its state (退单 'return', 上报 'escalate' …); null for a new order. */
  arrived_by: string | null;
  /** Units co-handling the order now (协办), read with the row from `order_units`; not a column of `orders`. */
  co_unit_ids?: number[];
  merged_into_id: number | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  version: number;
}

/** An approval the order waits for (延期 / 挂账 / 作废). */
export type PendingRequest =
  | { kind: 'extension'; value: number; unit: string; reason: string; by: number; at: string }
  | { kind: 'suspension'; reason: string; by: number; at: string }
  | { kind: 'void'; reason: string; by: number; at: string };

export interface DeadlineRow {
  order_id: number;
  step: Step;
  started_at: Date;
  due_at: Date;
  /** When the step's light turns yellow (step-clock.rules.ts yellowMoment). */
  yellow_at: Date;
  limit_value: number;
  limit_unit: string;
  done_at: Date | null;
}

export interface EventRow {
  id: number;
  order_id: number;
  at: Date;
  action: string;
  actor_user_id: number | null;
  actor_unit_id: number | null;
  from_state: StateCode | null;
  to_state: StateCode | null;
  note: string | null;
  data: Record<string, unknown>;
  attachment_ids: number[];
  made_at: Date | null;
}

/** Columns a use case may change through `applyChange`. */
export type OrderPatch = Partial<
  Pick<
    OrderRow,
    | 'category_code'
    | 'condition_id'
    | 'urgency'
    | 'level'
    | 'dispatch_unit_id'
    | 'handler_unit_id'
    | 'self_handled'
    | 'solved_level'
    | 'resume_state'
    | 'suspended_at'
    | 'pending_request'
    | 'satisfaction'
    | 'substantive_dissatisfaction'
    | 'return_count'
    | 'rework_count'
    | 'reopen_count'
    | 'escalation_count'
    | 'extension_count'
    | 'verification_count'
    | 'merged_into_id'
    | 'closed_at'
    | 'arrived_by'
  >
>;
