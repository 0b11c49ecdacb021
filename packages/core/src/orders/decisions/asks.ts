/**
 * What an action's decision may ask about the world while it decides: a unit, the catalogue routing, a
 * classification, the order's clocks, the calendar… A decision is a generator that yields these questions and
 * gets the answers back: the live platform answers them from the database (asynchronously), the demo history
 * from memory (synchronously), so one decision serves both without either copying it.
 */
import type { Step, UnitKind } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../../calendar/index.ts';
import type { Classification } from '../classification.ts';
import type { Route } from '../dispatch-route.rules.ts';

export interface UnitInfo {
  id: number;
  name: string;
  kind: UnitKind;
  divisionCode: string | null;
  active: boolean;
  enforcement: boolean;
  /** For a village station: the town it works in. */
  townCode: string | null;
}

export interface ClockInfo {
  step: Step;
  dueAt: Date;
  limitValue: number;
  limitUnit: TimeUnit;
  doneAt: Date | null;
}

/** A co-handling unit's part (协办): whether it has signed for it and reported it. */
export interface CoPart {
  unitId: number;
  name: string;
  signedAt: Date | null;
  reportedAt: Date | null;
  report: string | null;
}

export type Ask =
  | { ask: 'unit'; id: number }
  | { ask: 'route' }
  | { ask: 'classification'; categoryCode: string; conditionCode?: string; text: string }
  | { ask: 'callable' }
  | { ask: 'clocks' }
  | { ask: 'calendar' }
  | { ask: 'station'; villageCode: string | null }
  | { ask: 'centre'; level: 'town' | 'district' }
  | { ask: 'reporter'; reporterId: number }
  | { ask: 'coParts' }
  | { ask: 'returnedBefore'; unitId: number }
  | { ask: 'article'; id: number };

export type Asking<T> = Generator<Ask, T, unknown>;

function* asking<T>(a: Ask): Asking<T> {
  return (yield a) as T;
}

/** The questions, typed by their answers. */
export const world = {
  /** A unit by id (null when there is none). */
  unit: (id: number) => asking<UnitInfo | null>({ ask: 'unit', id }),
  /** Where the catalogue routes the order now (null: no condition, or no responsible unit). */
  route: () => asking<Route | null>({ ask: 'route' }),
  /** A category (and condition) resolved to what the order stores; refuses one that does not classify. */
  classification: (categoryCode: string, conditionCode: string | undefined, text: string) => asking<Classification>({ ask: 'classification', categoryCode, conditionCode, text }),
  /** Whether a reporter left a phone number to be called back on. */
  callable: () => asking<boolean>({ ask: 'callable' }),
  /** The order's step clocks. */
  clocks: () => asking<ClockInfo[]>({ ask: 'clocks' }),
  calendar: () => asking<WorkingCalendar>({ ask: 'calendar' }),
  /** The village station of a village. */
  station: (villageCode: string | null) => asking<UnitInfo | null>({ ask: 'station', villageCode }),
  /** The command centre of the order's town or district. */
  centre: (level: 'town' | 'district') => asking<UnitInfo | null>({ ask: 'centre', level }),
  /** Whether a reporter belongs to the order. */
  reporter: (reporterId: number) => asking<boolean>({ ask: 'reporter', reporterId }),
  /** The order's active co-handlers and their parts. */
  coParts: () => asking<CoPart[]>({ ask: 'coParts' }),
  /** Whether a unit has returned (退单) this order before. */
  returnedBefore: (unitId: number) => asking<boolean>({ ask: 'returnedBefore', unitId }),
  /** A knowledge-base article offered to operators now (published, valid today), or null. */
  article: (id: number) => asking<{ id: number; title: string; version: number } | null>({ ask: 'article', id }),
};

/** Runs a decision against answers that may take time (the database). */
export async function decideAsync<T>(g: Asking<T>, answer: (a: Ask) => Promise<unknown>): Promise<T> {
  let step = g.next();
  while (!step.done) step = g.next(await answer(step.value));
  return step.value;
}

/** Runs a decision against answers at hand (memory). */
export function decideNow<T>(g: Asking<T>, answer: (a: Ask) => unknown): T {
  let step = g.next();
  while (!step.done) step = g.next(answer(step.value));
  return step.value;
}
