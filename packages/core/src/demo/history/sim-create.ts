/**
 * 发现/登记, as insertPreparedOrder writes it: the row, its reporter, the 'create' event, the intake centre
 * in order_units and the accept clock. The intake centre follows the channel (channels.intake_level; in
 * the reference data patrol and video reports start at the town sub-centre, the rest at the district centre).
 */
import type { OrderRow } from '../../orders/order.types.ts';
import { HistoryBug } from './history-bug.ts';
import type { SimActor, SimOrder } from './history.types.ts';
import type { OrderSim } from './order-sim.ts';
import type { OrderPlan } from './plan-orders.ts';

/** Channels whose reports are classified when registered: the operator, the grid worker or the detector names the matter. */
export const CLASSIFIED_AT_INTAKE = new Set(['hotline', 'leader', 'grid_patrol', 'video']);
const MAY_CREATE = ['operator', 'dispatcher', 'shift_lead', 'grid_worker', 'grid_leader', 'citizen', 'integration', 'admin'] as const;

export function creatorOf(sim: OrderSim, plan: OrderPlan): SimActor {
  const a = sim.ctx.actors;
  if (plan.channel === 'grid_patrol') return a.gridWorker(plan.grid.code, plan.grid.stationId);
  if (plan.channel === 'hotline' || plan.channel === 'leader') return a.operator;
  return a.intake;
}

export function createSimOrder(sim: OrderSim, plan: OrderPlan, actor: SimActor): SimOrder {
  if (!MAY_CREATE.some((r) => actor.roles.has(r))) throw new HistoryBug('demo history: this role may not register orders');
  const ctx = sim.ctx;
  const intake = ctx.intakeLevel.get(plan.channel);
  if (!intake) throw new HistoryBug(`demo history: channel ${plan.channel} is not active`);
  const townIntake = intake === 'town';
  const centre = townIntake ? ctx.subCentreByTown.get(plan.grid.townCode) : ctx.centre;
  if (!centre || (!townIntake && centre.divisionCode !== plan.districtCode)) throw new HistoryBug('demo history: no intake centre for the order');
  // The operator who takes the call names the category and its condition (立案条件) as he registers it.
  const c = CLASSIFIED_AT_INTAKE.has(plan.channel) ? plan.condition : undefined;
  const at = plan.at;
  const row: OrderRow = {
    id: 0,
    code: '',
    state: 'pending_accept',
    channel: plan.channel,
    nature: plan.nature,
    description: plan.description,
    address: plan.address,
    lng: plan.lng,
    lat: plan.lat,
    district_code: plan.districtCode,
    town_code: plan.grid.townCode,
    village_code: plan.grid.villageCode,
    grid_code: plan.grid.code,
    professional_grid_codes: plan.professionalGridCodes,
    category_code: c?.categoryCode ?? null,
    condition_id: c?.id ?? null,
    urgency: c?.urgency ?? 'normal',
    reported_urgency: null,
    level: plan.channel === 'grid_patrol' ? 'grid' : townIntake ? 'town' : 'district',
    dispatch_unit_id: centre.id,
    handler_unit_id: null,
    component_code: null,
    confidential: plan.confidential,
    self_handled: false,
    solved_level: null,
    resume_state: null,
    suspended_at: null,
    pending_request: null,
    satisfaction: null,
    substantive_dissatisfaction: false,
    return_count: 0,
    rework_count: 0,
    reopen_count: 0,
    escalation_count: 0,
    arrived_by: null,
    extension_count: 0,
    verification_count: 0,
    merged_into_id: null,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    closed_at: null,
    version: 1,
  };
  const o: SimOrder = { seq: plan.seq, row, events: [], deadlines: new Map(), units: new Map(), reporters: [], mergedInto: null, frozen: false };
  if (plan.reporter) o.reporters.push({ ...plan.reporter, satisfaction: null, createdAt: at, source: null, id: 0 });
  sim.pushEvent(o, {
    at,
    action: 'create',
    actor,
    from: null,
    to: 'pending_accept',
    note: plan.description,
    data: { channel: plan.channel, nature: plan.nature, gridCode: plan.grid.code, unitId: centre.id },
  });
  sim.involve(o, centre.id, 'dispatch', at);
  sim.startSteps(o, ['accept'], at);
  return o;
}
