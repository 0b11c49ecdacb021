/**
 * 综合评分: a unit's composite score is the weighted mean of its figures under its kind's weights — a rate where
 * lower is better (rework, returns) counts as 100 minus it — over the weighted figures that counted anything (a
 * unit with no returns to count is not scored on returns). Grades A–E by the lowest score of each (90/75/60/40 by
 * default, as the reference formulas' 评价等级). Ranks are competition ranks (1, 2, 2, 4) among units with a score.
 */
import type { FigureView, IndicatorCode, SubjectKind } from '@liandong/contracts';

export interface Weight {
  code: IndicatorCode;
  weight: number;
}
export type Weights = Record<SubjectKind, Weight[]>;
export interface GradeFloors {
  A: number;
  B: number;
  C: number;
  D: number;
}

const HANDLING: Weight[] = [
  { code: 'completion_rate', weight: 30 },
  { code: 'completion_on_time_rate', weight: 30 },
  { code: 'rework_rate', weight: 30 },
  { code: 'sign_on_time_rate', weight: 10 },
];
const CENTRE: Weight[] = [
  { code: 'accept_on_time_rate', weight: 25 },
  { code: 'dispatch_on_time_rate', weight: 40 },
  { code: 'callback_rate', weight: 35 },
];

const AREA: Weight[] = [
  { code: 'area_completion_rate', weight: 40 },
  { code: 'area_on_time_rate', weight: 30 },
  { code: 'area_satisfaction_rate', weight: 30 },
];
const GRID_WORKER: Weight[] = [
  { code: 'valid_report_rate', weight: 40 },
  { code: 'verify_on_time_rate', weight: 30 },
  { code: 'check_on_time_rate', weight: 30 },
];

/**
 * Handling units as the reference's 专业部门 (结案率 30%, 按期处置率 30%, 100 − 返工率 30%), the 10% of its banded
 * handled count given to the on-time sign rate; centres as its 值班长/派遣员 (按时立案 25%, 按时派遣 40%, and the
 * callback rate for 按时结案 35%); areas as its 区域评价 (结案率, 按期结案率) with satisfaction beside them; grid
 * workers as its 监督员 (有效上报率 40%, 按时核实率 20% and 按时核查率 20%, here 30% each: its 1 − 漏报率 20% needs
 * missed reports confirmed, which nothing records yet). Source: shared/reference/kpi_formulas_digital_city_mgmt.csv.
 */
export const DEFAULT_WEIGHTS: Weights = {
  department: HANDLING,
  station: HANDLING,
  sub_centre: CENTRE,
  centre: CENTRE,
  town: AREA,
  village: AREA,
  grid: AREA,
  grid_worker: GRID_WORKER,
};
export const DEFAULT_GRADES: GradeFloors = { A: 90, B: 75, C: 60, D: 40 };

const one = (x: number) => Math.round(x * 10) / 10;

/** A figure's value: a rate in % with one decimal, a count as it is; null when nothing was counted. */
export function figureValue(kind: 'rate' | 'count', numerator: number, denominator: number): number | null {
  if (kind === 'count') return numerator;
  return denominator === 0 ? null : one((100 * numerator) / denominator);
}

export function compositeScore(figures: readonly FigureView[], weights: readonly Weight[], lowerIsBetter: (code: IndicatorCode) => boolean): number | null {
  let sum = 0;
  let total = 0;
  for (const w of weights) {
    const f = figures.find((x) => x.code === w.code);
    if (!f || f.value === null || w.weight <= 0) continue;
    sum += w.weight * (lowerIsBetter(w.code) ? 100 - f.value : f.value);
    total += w.weight;
  }
  return total === 0 ? null : one(sum / total);
}

export function gradeOf(score: number | null, floors: GradeFloors): 'A' | 'B' | 'C' | 'D' | 'E' | null {
  if (score === null) return null;
  return score >= floors.A ? 'A' : score >= floors.B ? 'B' : score >= floors.C ? 'C' : score >= floors.D ? 'D' : 'E';
}

/** Competition ranks by score, highest first, per group; no score, no rank. */
export function ranks<T>(items: readonly T[], score: (t: T) => number | null, group: (t: T) => string): Map<T, number | null> {
  const out = new Map<T, number | null>();
  const groups = new Map<string, T[]>();
  for (const t of items) {
    if (score(t) === null) out.set(t, null);
    else groups.set(group(t), [...(groups.get(group(t)) ?? []), t]);
  }
  for (const members of groups.values()) {
    const sorted = [...members].sort((a, b) => score(b)! - score(a)!);
    sorted.forEach((t, i) => out.set(t, i > 0 && score(sorted[i - 1]!) === score(t) ? out.get(sorted[i - 1]!)! : i + 1));
  }
  return out;
}
