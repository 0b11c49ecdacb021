/**
 * Shapes of the demo order history (演示历史工单) while it is generated in memory, before one bulk write.
 * A simulated order keeps a full `OrderRow` so that the rules shared with the live code (responsibilities,
 * routing) read exactly the columns they read on a stored order.
 */
import type { ActionName, StateCode, Step } from '@liandong/contracts';
import type { TimeUnit } from '../../calendar/index.ts';
import type { Role } from '../../org/roles.ts';
import type { OrderRow } from '../../orders/order.types.ts';

/**
 * Who acts. Real demo users carry their id; a "virtual" actor (userId null) stands for a grid worker or a
 * station handler who has no demo account: the event then names only his unit (actor_unit_id).
 */
export interface SimActor {
  userId: number | null;
  unitId: number | null;
  roles: ReadonlySet<Role>;
  /** Scope units and their whole subtree, as loadActor expands them. */
  unitIds: readonly number[];
  areaCodes: readonly string[];
}

export interface SimEvent {
  at: Date;
  action: string;
  actor: SimActor;
  from: StateCode | null;
  to: StateCode;
  note: string | null;
  data: Record<string, unknown>;
  /** Filled at write time, when order ids and codes exist (merge events name the other orders). */
  resolveData?: (ref: OrderRef) => Record<string, unknown>;
  /** The order's dispatching centre after this event: a later merge checks responsibility against it. */
  dispatchUnitAfter: number | null;
}

export interface SimDeadline {
  step: Step;
  startedAt: Date;
  dueAt: Date;
  value: number;
  unit: TimeUnit;
  doneAt: Date | null;
  /** The unit whose lateness this clock measures (supervisedUnit), as it was when the step started. */
  supervisedUnitId?: number | null;
  /** Stopped without the step being done (a withdrawn run, orders/step-runs.ts); doneAt is set too, as the live clock's. */
  withdrawnAt?: Date | null;
}

/** A supervision the clock raised in the history (督办), with the unit's reply and the supervisor's acceptance. */
export interface SimSupervision {
  level: number;
  step: Step;
  unitId: number | null;
  policyId: number;
  raisedAt: Date;
  note: string;
  taskDueAt: Date | null;
  status: 'open' | 'replied' | 'closed';
  reply: string | null;
  repliedAt: Date | null;
  /** Who replied (the unit's handler) and who accepted (the centre's supervisor); null for a person without an account. */
  repliedBy: number | null;
  reviewedAt: Date | null;
  reviewedBy: number | null;
  /** Assigned at write time. */
  id: number;
}

export interface SimUnitLink {
  unitId: number;
  role: 'lead' | 'co' | 'dispatch';
  active: boolean;
  assignedAt: Date;
  /** A co-handler's part (协办): signed for, reported. */
  signedAt?: Date;
  reportedAt?: Date;
  report?: string;
}

export interface SimReporter {
  name: string | null;
  phone: string | null;
  anonymous: boolean;
  satisfaction: string | null;
  createdAt: Date;
  /** Set on a reporter copied in by a merge: the duplicate it came from. */
  source: SimOrder | null;
  /** Assigned at write time. */
  id: number;
}

export interface SimOrder {
  /** Index within its day, in arrival order: what makes a restart regenerate the same orders. */
  seq: number;
  row: OrderRow;
  events: SimEvent[];
  deadlines: Map<Step, SimDeadline>;
  units: Map<string, SimUnitLink>;
  reporters: SimReporter[];
  mergedInto: SimOrder | null;
  /** Set once an action would fall after endAt: the order stays as it is "now". */
  frozen: boolean;
  /** The actions applied, in order, when the simulator records (the differential test replays them live). */
  calls?: SimCall[];
  /** Clocks of steps that were started again (a restarted step's row is overwritten): the ladder reads them too. */
  pastClocks?: SimDeadline[];
  supervisions?: SimSupervision[];
}

/** One action as the history applied it. */
export interface SimCall {
  action: ActionName;
  actor: SimActor;
  at: Date;
  body: unknown;
}

/** Resolves simulated orders to their stored id and code, at write time. */
export interface OrderRef {
  idOf(o: SimOrder): number;
  codeOf(o: SimOrder): string;
}

/** Where a matter ends up being solved; drives the route an order takes (70/20/10, see plan-mix.ts). */
export type RouteKind = 'self' | 'village' | 'town' | 'district' | 'enforcement';

/** Channel groups by who takes the intake: the district centre, or the town sub-centre. */
export type IntakeKind = 'district' | 'patrol' | 'video';

/** The twists an order's path takes, drawn once at planning time. */
export interface PathFlags {
  reject: boolean;
  voidIt: boolean;
  escalate: boolean;
  wrongUnitFirst: boolean;
  coHandler: boolean;
  extension: 'none' | 'approved' | 'denied';
  suspension: boolean;
  rework: boolean;
  dissatisfied: 'none' | 'closed' | 'reopened';
  /** Overdue: handled long after the deadline, a few force-closed (the ~1% not closed in time). */
  lingering: boolean;
}
