/**
 * The arithmetic of early warning (预警), pure: the Poisson test of a spike against its baseline, the backlog's
 * growth, the share of a step's limit left, grouping reports about one place, and the texts (zh/en) that explain
 * each warning's numbers. The SQL that counts lives in detect-*.ts; what a rule's thresholds are, in rule-params.rules.ts.
 */
import type { Labels } from '@liandong/contracts';

/**
 * P(X ≥ k) for X ~ Poisson(λ): the chance of seeing k or more when λ is usual. Summed as 1 − P(X < k) with the
 * terms built one from the other in log space (no factorial overflow); for k far above λ the upper tail is summed
 * directly, so tiny probabilities keep their digits.
 */
export function poissonTail(k: number, lambda: number): number {
  if (!Number.isFinite(k) || !Number.isFinite(lambda) || lambda < 0) throw new RangeError('poissonTail: k and λ must be finite, λ ≥ 0');
  if (k <= 0) return 1;
  if (lambda === 0) return 0;
  const logTerm = (i: number) => -lambda + i * Math.log(lambda) - logFactorial(i);
  if (k > lambda) {
    // The upper tail directly: terms fall once i > λ, so a few hundred terms past k carry every digit.
    let sum = 0;
    for (let i = k; i < k + 1000; i++) {
      const t = Math.exp(logTerm(i));
      sum += t;
      if (t < sum * 1e-17) break;
    }
    return Math.min(1, sum);
  }
  let below = 0;
  for (let i = 0; i < k; i++) below += Math.exp(logTerm(i));
  return Math.max(0, Math.min(1, 1 - below));
}

const LOG_FACTORIALS: number[] = [0];
function logFactorial(n: number): number {
  for (let i = LOG_FACTORIALS.length; i <= n; i++) LOG_FACTORIALS[i] = LOG_FACTORIALS[i - 1]! + Math.log(i);
  return LOG_FACTORIALS[n]!;
}

export interface SpikeTest {
  observed: number;
  /** The mean count of a window like this one over the baseline days (λ). */
  expected: number;
  /** P(X ≥ observed) under Poisson(expected). */
  pValue: number;
  /** The warning line: the smallest count k ≥ minCount with P(X ≥ k) < alpha. */
  threshold: number;
  fires: boolean;
}

/**
 * A spike (激增): `observed` orders in the window against `baselineCount` in the `baselineWindows` windows of the
 * same length before it. It fires when observed ≥ minCount and P(X ≥ observed | λ = baselineCount / baselineWindows)
 * < alpha: history-aware (the area's own past sets λ), and never on small numbers (2 against 0.1 has a tiny p but
 * stays below the minimum count).
 */
export function spikeTest(observed: number, baselineCount: number, baselineWindows: number, p: { alpha: number; minCount: number }): SpikeTest {
  if (baselineWindows <= 0) throw new RangeError('spikeTest: baselineWindows must be positive');
  const expected = baselineCount / baselineWindows;
  const pValue = poissonTail(observed, expected);
  let threshold = Math.max(1, p.minCount);
  while (poissonTail(threshold, expected) >= p.alpha) threshold++;
  return { observed, expected, pValue, threshold, fires: observed >= p.minCount && pValue < p.alpha };
}

export interface BacklogTest {
  now: number;
  then: number;
  /** The line now had to reach: max(minOpen, ⌈ratio × then⌉, then + minGrowth). */
  threshold: number;
  fires: boolean;
}

/** A unit's backlog (积压) grows: open now ≥ minOpen, ≥ growthRatio × open then, and at least minGrowth more. */
export function backlogTest(now: number, then: number, p: { minOpen: number; growthRatio: number; minGrowth: number }): BacklogTest {
  const threshold = Math.max(p.minOpen, Math.ceil(p.growthRatio * then - 1e-9), then + p.minGrowth);
  return { now, then, threshold, fires: now >= threshold };
}

/** A step at risk (临期): not yet due, and less than `share` of its limit left (in the limit's unit). */
export function atRisk(remaining: number, limit: number, share: number): boolean {
  return remaining > 0 && limit > 0 && remaining < share * limit;
}

export interface PlacePoint {
  id: number;
  lng: number;
  lat: number;
  group: string;
}

/**
 * Reports about one place (同址重复): for each report, the reports of its group within the radius (itself
 * included); the largest such neighbourhoods of at least `minOrders` are kept, each report in one at most.
 * `near` says whether two points are within the radius (distance.rules.ts in practice).
 */
export function placeClusters(points: readonly PlacePoint[], minOrders: number, near: (a: PlacePoint, b: PlacePoint) => boolean): { anchor: PlacePoint; ids: number[] }[] {
  const byGroup = new Map<string, PlacePoint[]>();
  for (const p of points) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  const found: { anchor: PlacePoint; ids: number[] }[] = [];
  for (const pts of byGroup.values()) {
    if (pts.length < minOrders) continue;
    const hoods = pts
      .map((a) => ({ anchor: a, ids: pts.filter((b) => near(a, b)).map((b) => b.id).sort((x, y) => x - y) }))
      .filter((h) => h.ids.length >= minOrders)
      .sort((x, y) => y.ids.length - x.ids.length || x.anchor.id - y.anchor.id);
    const taken = new Set<number>();
    for (const h of hoods) {
      if (h.ids.some((id) => taken.has(id))) continue;
      h.ids.forEach((id) => taken.add(id));
      found.push(h);
    }
  }
  return found;
}

/** A probability as people read it: 0.0003, 1.2e-7. */
export function formatP(p: number): string {
  if (p === 0) return '0';
  return p >= 0.0001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}

const num = (x: number) => String(Math.round(x * 100) / 100);

export interface Texts {
  title: Labels;
  explanation: Labels;
}

export function spikeTexts(x: { areaName: string; categoryName: string; windowHours: number; baselineDays: number; baselineCount: number; alpha: number; minCount: number; t: SpikeTest }): Texts {
  const { t } = x;
  return {
    title: { zh: `${x.areaName}「${x.categoryName}」激增：${x.windowHours}小时${t.observed}件`, en: `${x.areaName}: spike of “${x.categoryName}”, ${t.observed} in ${x.windowHours} h` },
    explanation: {
      zh:
        `${x.areaName}近${x.windowHours}小时受理「${x.categoryName}」${t.observed}件；此前${x.baselineDays}天共${x.baselineCount}件，` +
        `折合每${x.windowHours}小时平均${num(t.expected)}件（基线）。按泊松分布，出现${t.observed}件及以上的概率为${formatP(t.pValue)}，` +
        `低于显著性水平${x.alpha}；预警线为${t.threshold}件（不少于最少件数${x.minCount}件）。`,
      en:
        `${x.areaName} received ${t.observed} orders of “${x.categoryName}” in the last ${x.windowHours} h; the ${x.baselineDays} days before held ` +
        `${x.baselineCount}, a mean of ${num(t.expected)} per ${x.windowHours} h (the baseline). Under a Poisson law the chance of ${t.observed} or more ` +
        `is ${formatP(t.pValue)}, below the significance level ${x.alpha}; the warning line is ${t.threshold} (at least the minimum of ${x.minCount}).`,
    },
  };
}

export function callerTexts(x: { maskedPhone: string; calls: number; orders: number; days: number; minCalls: number }): Texts {
  return {
    title: { zh: `来电人${x.maskedPhone} ${x.days}天内来电${x.calls}次`, en: `Caller ${x.maskedPhone}: ${x.calls} calls in ${x.days} days` },
    explanation: {
      zh: `号码${x.maskedPhone}近${x.days}天来电${x.calls}次，涉及${x.orders}件工单，达到重复来电预警线${x.minCalls}次。请关注其诉求是否得到解决。`,
      en: `The number ${x.maskedPhone} called ${x.calls} times in the last ${x.days} days, about ${x.orders} orders, reaching the repeated-caller line of ${x.minCalls}. Check whether the matter is being solved.`,
    },
  };
}

export function placeTexts(x: { place: string; categoryName: string | null; count: number; days: number; radiusMetres: number; minOrders: number }): Texts {
  const what = x.categoryName ? { zh: `「${x.categoryName}」`, en: ` of “${x.categoryName}”` } : { zh: '', en: '' };
  return {
    title: { zh: `${x.place}${what.zh}${x.days}天内重复反映${x.count}次`, en: `${x.place}: ${x.count} reports${what.en} in ${x.days} days` },
    explanation: {
      zh: `${x.days}天内在${x.place}方圆${x.radiusMetres}米内受理${what.zh}工单${x.count}件，达到同址重复预警线${x.minOrders}件。问题可能反复出现或未根治。`,
      en: `${x.count} orders${what.en} were received within ${x.radiusMetres} m of ${x.place} in ${x.days} days, reaching the repeated-place line of ${x.minOrders}. The problem may keep coming back.`,
    },
  };
}

export function atRiskTexts(x: { orderCode: string; step: Labels; unitName: string; remaining: number; limit: number; unit: Labels; share: number; dueAt: string }): Texts {
  const pct = Math.round((x.remaining / x.limit) * 100);
  return {
    title: { zh: `工单${x.orderCode}${x.step.zh}环节即将超时`, en: `Order ${x.orderCode}: ${x.step.en} is about to breach` },
    explanation: {
      zh: `${x.unitName}承办的工单${x.orderCode}${x.step.zh}环节时限${num(x.limit)}${x.unit.zh}，仅剩${num(x.remaining)}${x.unit.zh}（${pct}%），低于预警线${Math.round(x.share * 100)}%，将于${x.dueAt}到期。`,
      en: `Order ${x.orderCode} (${x.unitName}): the ${x.step.en} step has a limit of ${num(x.limit)} ${x.unit.en} and only ${num(x.remaining)} left (${pct}%), below the ${Math.round(x.share * 100)}% line; due ${x.dueAt}.`,
    },
  };
}

export function backlogTexts(x: { unitName: string; t: BacklogTest; compareDays: number; p: { minOpen: number; growthRatio: number; minGrowth: number } }): Texts {
  const { t } = x;
  return {
    title: { zh: `${x.unitName}在办积压${t.then}件→${t.now}件`, en: `${x.unitName}: backlog ${t.then} → ${t.now}` },
    explanation: {
      zh:
        `${x.unitName}当前待签收和办理中的工单${t.now}件，${x.compareDays}天前为${t.then}件。预警线为${t.threshold}件` +
        `（不少于${x.p.minOpen}件、${x.p.growthRatio}倍、且至少增加${x.p.minGrowth}件）。`,
      en:
        `${x.unitName} has ${t.now} orders waiting to be signed or in handling, against ${t.then} ${x.compareDays} days ago. The warning line is ${t.threshold} ` +
        `(at least ${x.p.minOpen}, ${x.p.growthRatio}× the earlier count, and ${x.p.minGrowth} more).`,
    },
  };
}
