/**
 * The runs of the steps' clocks read back from an order's timeline alone — the states it passed through and the
 * units its events name — by a rule written here once more on purpose, independent of the decisions and of
 * order_step_runs: a step's run starts when the order enters the step's state (the handling clock starts with the
 * sign clock, at dispatch), ends done when it leaves by the step's own action and withdrawn otherwise. Tests
 * compare it with what the platform stored and recount the assessment's figures from it.
 */
export interface TimelineEvent {
  order_id: number | string;
  at: Date;
  action: string;
  from_state: string | null;
  to_state: string | null;
  data: Record<string, unknown>;
  grid_code: string | null;
}

export interface TimelineRun {
  orderId: number;
  step: string;
  unitId: number | null;
  gridCode: string | null;
  startedAt: number;
  end: 'done' | 'withdrawn' | null;
  endedAt: number | null;
}

const STEP_OF_STATE: Record<string, string> = {
  pending_accept: 'accept',
  pending_verify: 'verify',
  pending_dispatch: 'dispatch',
  pending_sign: 'sign',
  handling: 'handle',
  suspended: 'handle',
  pending_check: 'check',
  pending_callback: 'callback',
};
/** The actions that do a step (the others stop its clock without doing it). */
const OWN_ACTIONS: Record<string, readonly string[]> = {
  accept: ['accept', 'answer', 'reject'],
  verify: ['verify'],
  dispatch: ['dispatch'],
  sign: ['sign'],
  handle: ['feedback'],
  check: ['check'],
  callback: ['callback'],
};

/** Events in timeline order (by order, then id). */
export function runsFromTimeline(events: readonly TimelineEvent[]): TimelineRun[] {
  const runs: TimelineRun[] = [];
  let order = -1;
  let dispatchUnit: number | null = null;
  let handlerUnit: number | null = null;
  const open = new Map<string, TimelineRun>();
  const end = (step: string, how: 'done' | 'withdrawn', at: number) => {
    const r = open.get(step);
    if (r) Object.assign(r, { end: how, endedAt: at });
    open.delete(step);
  };
  for (const e of events) {
    if (Number(e.order_id) !== order) {
      order = Number(e.order_id);
      dispatchUnit = handlerUnit = null;
      open.clear();
    }
    const at = e.at.getTime();
    const unitId = typeof e.data.unitId === 'number' ? e.data.unitId : null;
    const from = e.from_state ? STEP_OF_STATE[e.from_state] : undefined;
    const to = e.to_state ? STEP_OF_STATE[e.to_state] : undefined;
    // A dispatch (or an escalation) from one centre to another starts the dispatch step again, for the next centre.
    const restart = (e.action === 'dispatch' || e.action === 'escalate') && from === 'dispatch' && to === 'dispatch';
    const changes = e.to_state !== null && (from !== to || restart);
    if (changes && from) {
      end(from, OWN_ACTIONS[from]!.includes(e.action) ? 'done' : 'withdrawn', at);
      if (from === 'sign' && to !== 'handle') end('handle', 'withdrawn', at);
    }
    if (e.action === 'create') dispatchUnit = unitId;
    else if (e.action === 'escalate' && to === 'sign') handlerUnit = unitId;
    else if (e.action === 'escalate' || restart) [dispatchUnit, handlerUnit] = [unitId, null];
    else if (e.action === 'dispatch') handlerUnit = unitId;
    else if (e.action === 'return') handlerUnit = null;
    if (!changes || !to) continue;
    const starts = to === 'sign' ? ['sign', 'handle'] : to === 'handle' && from === 'sign' ? [] : [to];
    for (const step of starts) {
      end(step, 'withdrawn', at);
      const run: TimelineRun = {
        orderId: order,
        step,
        unitId: step === 'sign' || step === 'handle' ? (handlerUnit ?? dispatchUnit) : dispatchUnit,
        gridCode: step === 'verify' || step === 'check' ? e.grid_code : null,
        startedAt: at,
        end: null,
        endedAt: null,
      };
      runs.push(run);
      open.set(step, run);
    }
  }
  return runs;
}
