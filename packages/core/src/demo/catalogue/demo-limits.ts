/**
 * Time limits and the shape of a demo case-opening condition (立案条件).
 *
 * Where the demo's limits come from (they are examples for a demo district, not a standard):
 * - case_standard_examples_local.csv, 济源 (Jiyuan) standard: 违法搭建 15 工作日 (拆除); 暴露垃圾 1 工作日;
 *   积存垃圾渣土 4 工作日; 道路不洁 5 工作时; 水域不洁 (淤积、堵塞、油污) 15 工作日.
 * - same file, the second district's standard: 私搭乱建 停工 4 工作时 / 处罚 7 工作日 / 拆除 20 工作日; 道路保洁
 *   2 工作时 and 路面积水 4 工作时; 绿地保洁 4 工作时; 绿地养护 (缺株、枯死、塌陷) 5 工作日.
 * - hotline_service_levels.csv: 《广州市井盖设施管理办法》 gives 6 hours to replace a missing cover and 36 hours
 *   when work conditions prevent it; the demo uses 24 urgent hours (round the clock) with a 2-hour sign-for time.
 *   A local 12345 rule there gives 应急类 "same day", 咨询/求助 3 工作日 and 投诉/举报 13 工作日; the demo keeps
 *   every normal departmental limit within 15 working days and uses 13 working days for complaint-like matters.
 *   GB/T 33358-2016 and 国办发〔2020〕53号 in that file govern intake (answer within 15 s, 7×24 service, the
 *   flow 受理→派单→办理→回复→办结→回访), not handling limits, so they set none of the values below.
 * - Sign-for (签收) times: 1 working hour for street matters handled within a day, 2 working hours otherwise,
 *   0.5 urgent hours for urgent matters (an urgent order must be seen at once, day or night).
 */
import type { HandlingLevel, TimeUnit } from '../../catalogue/catalogue.types.ts';

export type Limit = readonly [number, TimeUnit];

export const wh = (n: number): Limit => [n, 'working_hours'];
export const wd = (n: number): Limit => [n, 'working_days'];
export const uh = (n: number): Limit => [n, 'urgent_hours'];
export const nd = (n: number): Limit => [n, 'natural_days'];

/** The word used for a territorial (属地) responsible unit: the sub-centre of the order's town. */
export const TERRITORIAL = '属地';

/** One case-opening condition of a demo category. lead/co/level default to the category's. */
export interface DemoConditionSpec {
  description: string;
  handle: Limit;
  closing: string;
  urgency?: 'normal' | 'urgent' | 'critical';
  response?: Limit;
  lead?: string;
  co?: readonly string[];
  level?: HandlingLevel;
}

/** Who answers for a category: a lead unit code (or 属地), co-handlers, and the level that handles it. */
export interface DemoOwner {
  lead: string;
  co?: readonly string[];
  level?: HandlingLevel;
}

export interface DemoMatterSpec extends DemoOwner {
  conditions: readonly DemoConditionSpec[];
  /** The owner (权属单位) of the component an order names leads; the spec's lead when it names none. */
  componentOwnerLeads?: boolean;
}

export const cond = (
  description: string,
  handle: Limit,
  closing: string,
  extra: Omit<DemoConditionSpec, 'description' | 'handle' | 'closing'> = {},
): DemoConditionSpec => ({ description, handle, closing, ...extra });

/** An urgent condition: signed for within half an urgent hour. */
export const urgent = (
  description: string,
  handle: Limit,
  closing: string,
  extra: Omit<DemoConditionSpec, 'description' | 'handle' | 'closing' | 'urgency'> = {},
): DemoConditionSpec => ({ description, handle, closing, urgency: 'urgent', response: uh(0.5), ...extra });

/** Working hours a limit stands for, to compare limits of different units (1 working day = 8 working hours). */
function workingHours([value, unit]: Limit): number {
  if (unit === 'working_days') return value * 8;
  if (unit === 'natural_days') return value * 24;
  return value;
}

/** The default sign-for time: see the header comment. */
export function defaultResponse(handle: Limit, urgency: string): Limit {
  if (urgency !== 'normal') return uh(0.5);
  return workingHours(handle) <= 8 ? wh(1) : wh(2);
}

/** The handling level a lead implies when the spec gives none: departments handle their own matters. */
export function defaultLevel(lead: string): HandlingLevel {
  return lead === TERRITORIAL ? 'town' : 'department';
}
