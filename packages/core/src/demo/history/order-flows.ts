/**
 * Walks one order through the state machine: at each state, the person responsible takes the next action
 * the plan calls for, at a plausible time. The walk is driven by the order's state, not by a script, so an
 * order can be picked up from wherever it stands (a duplicate that could not be merged goes on normally).
 */
import type { StateCode } from '@liandong/contracts';
import { HistoryBug } from './history-bug.ts';
import type { Flow } from './flow-core.ts';
import { stepAccept, stepDispatch } from './flow-intake.ts';
import { stepCallback, stepCheck, stepClose, stepHandling, stepResume, stepSign } from './flow-handling.ts';

export { newFlow, type Flow } from './flow-core.ts';

type Step = (f: Flow) => void;

const STEPS: Partial<Record<StateCode, Step>> = {
  pending_accept: stepAccept,
  pending_dispatch: stepDispatch,
  pending_sign: stepSign,
  handling: stepHandling,
  pending_check: stepCheck,
  pending_callback: stepCallback,
  pending_close: stepClose,
  suspended: stepResume,
};

/** Runs the order until it is closed (in any way) or its next step would fall after endAt. */
export function walk(f: Flow): void {
  for (let i = 0; i < 60; i++) {
    if (f.o.frozen) return;
    const step = STEPS[f.o.row.state];
    if (!step) return; // a final state
    const before = f.o.events.length;
    step(f);
    if (f.o.events.length === before && !f.o.frozen) throw new HistoryBug(`demo history: no progress in ${f.o.row.state}`);
  }
  throw new HistoryBug('demo history: an order walked in circles');
}
