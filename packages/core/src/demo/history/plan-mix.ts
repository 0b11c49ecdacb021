/**
 * The shape of the demo history, as data. Sources: the seeds (SPEC §4, §7) — Wujiang ~3,360 orders a day,
 * ~99% completion, 70% solved in the grid (网格内解决), 20% by upper-level linkage (上推联动), under 10% by
 * enforcement (执法); hotline-heavy intake with a large share of grid patrol reports (巡查上报).
 *
 * Route shares per intake give, over all orders (patrol 30%, video 3%, the rest district intake):
 *   grid        = patrol self-handled 60%×30%                        ≈ 18%
 *   village     = district 58%×67% + patrol 27%×30% + video 35%×3%   ≈ 48%
 *   town        = district 14%×67% + patrol 5%×30% + video 35%×3%    ≈ 12%
 *   district    = district 19.5%×67%                                 ≈ 13%
 *   enforcement = district 8.5%×67% + patrol 8%×30% + video 30%×3%   ≈ 9%
 * Over the orders already closed the grid's share is higher, since on-the-spot matters close within the
 * hour while the others take days: over a 7-day history the closed orders come out at about 70% grid +
 * village, 21% town + district and 8–9% enforcement — the seeds' shape, which the history test checks.
 */
import type { IntakeKind, RouteKind } from './history.types.ts';

export const ORDERS_PER_DAY = 3360;

/** 来源: hotline ≈ 45%, web/app/WeChat ≈ 20%, grid patrol ≈ 30%, video ≈ 3%, leader/transfer ≈ 2%. */
export const CHANNEL_MIX: readonly (readonly [string, number])[] = [
  ['hotline', 45],
  ['app', 8],
  ['wechat', 8],
  ['web', 4],
  ['grid_patrol', 30],
  ['video', 3],
  ['leader', 1],
  ['transfer', 1],
];

export function intakeOf(channel: string): IntakeKind {
  return channel === 'grid_patrol' ? 'patrol' : channel === 'video' ? 'video' : 'district';
}

/** 诉求类型 of citizens' reports; consultations small (most are answered by the knowledge base), praise rare. */
export const NATURE_MIX: readonly (readonly [string, number])[] = [
  ['complaint', 38],
  ['help', 20],
  ['report', 20],
  ['suggestion', 8],
  ['consultation', 12],
  ['praise', 2],
];

export const ROUTE_MIX: Record<IntakeKind, readonly (readonly [RouteKind, number])[]> = {
  district: [
    ['village', 58],
    ['town', 14],
    ['district', 19.5],
    ['enforcement', 8.5],
  ],
  // Patrol: most is solved on the spot (自行处置); 'town' here is the escalated share (上推, ~5%).
  patrol: [
    ['self', 60],
    ['village', 27],
    ['town', 5],
    ['enforcement', 8],
  ],
  video: [
    ['village', 35],
    ['town', 35],
    ['enforcement', 30],
  ],
};

/** How often each twist happens (shares of the orders it can happen to). */
export const RATES = {
  rejectDistrict: 0.025, // 不予受理
  rejectVideo: 0.12, // video false alarms
  directAnswer: 0.8, // 直接办结: consultations the operator answers and closes on the call
  void: 0.003,
  duplicate: 0.016, // 并单: share of district-intake orders that repeat an earlier one
  wrongUnitFirst: 0.03, // leads to a return (退单)
  coHandler: 0.02,
  extension: 0.025,
  extensionDenied: 0.15,
  suspension: 0.004,
  rework: 0.025, // failed check (返工)
  dissatisfied: 0.03,
  dissatisfiedReopened: 0.5,
  lingering: 0.008,
  lingeringForceClosed: 0.4,
  anonymous: 0.05,
  confidentialReport: 0.03,
  frequentCaller: 0.05,
} as const;

/** Satisfaction of callbacks that are not dissatisfied. */
export const SATISFACTION_MIX: readonly (readonly [string, number])[] = [
  ['very_satisfied', 62],
  ['satisfied', 29],
  ['basically_satisfied', 9],
];

/** Arrivals by China-local hour: quiet at night, peaks mid-morning and mid-afternoon. */
export const HOURLY_CITIZEN = [0.5, 0.3, 0.2, 0.15, 0.15, 0.3, 0.8, 2, 4.2, 6.2, 6.8, 6, 4.2, 4, 5.2, 6, 5.6, 4.6, 3.4, 3, 2.6, 2, 1.3, 0.8];
export const HOURLY_PATROL = [0, 0, 0, 0, 0, 0, 0.1, 0.8, 4, 7, 7.5, 5, 1.5, 2, 6, 7, 6, 3, 0.5, 0.1, 0, 0, 0, 0];
export const HOURLY_VIDEO = [1.5, 1.2, 1, 1, 1, 1.3, 2, 3, 4, 4.5, 4.5, 4, 3.5, 3.5, 4, 4.5, 4.5, 4.5, 4, 3.5, 3, 2.5, 2, 1.8];

/** Weekends and holidays bring fewer reports; workdays slightly more, so a week averages the daily figure. */
export const DAY_FACTOR = { workday: 1.05, restday: 0.88 } as const;
