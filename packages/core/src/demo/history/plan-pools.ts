/**
 * Which catalogue conditions an order of each route kind is drawn from, with the common matters weighted
 * up (garbage, parking, road damage, manhole covers, noise, water, clutter, disputes…). The pools come from
 * the loaded catalogue: a condition's lead rule decides the pool, so an edited catalogue still routes right.
 */
import type { HistoryCatalogue, HistoryCondition } from './context-catalogue.ts';
import type { RouteKind } from './history.types.ts';
import { Picker } from './rng.ts';

/** Territorial (属地) matters: handled by the village station. */
const VILLAGE_WEIGHTS: Record<string, number> = {
  '06010': 14, // 暴露垃圾 (village condition)
  '09009': 12, // 机动车乱停放 (inside compounds)
  '06036': 10, // 乱堆物料 (corridors)
  '90002': 9, // 邻里纠纷
  '90003': 8, // 村庄环境脏乱
  '90007': 7, // 电动车违规停放充电
  '90004': 4, // 出租房屋安全隐患
  '90008': 4, // 困难群众帮扶
  '06020': 3, // 露天焚烧 (rural)
  '06005': 3,
  '06007': 2,
  '06038': 2,
  '07008': 1,
};

/** Ordinary departments. */
const DEPARTMENT_WEIGHTS: Record<string, number> = {
  '06013': 10, // 道路破损
  '06028': 10, // 噪声扰民
  '09009': 8, // 机动车乱停放 (city streets, traffic police)
  '01002': 4, // 污水井盖
  '01003': 4, // 雨水井盖
  '01001': 3, // 供水井盖
  '08001': 5, // 施工噪声
  '06027': 4, // 餐饮油烟
  '06025': 4, // 水面漂浮物
  '06026': 3, // 河道黑臭
  '06030': 3, // 乱排污水
  '90006': 4, // 拖欠工资
  '90005': 2, // 企业安全隐患
  '09012': 3, // 消防通道
  '08004': 2, // 工地扬尘
  '02014': 2, // 交通信号灯
  '01025': 1,
  '09003': 1,
};

/** The enforcement unit's matters (城管执法). */
const ENFORCEMENT_WEIGHTS: Record<string, number> = {
  '06010': 8,
  '09006': 8, // 占道经营
  '06042': 7, // 垃圾满溢
  '01037': 6, // 路灯
  '06001': 6, // 私搭乱建
  '07001': 5, // 小广告
  '09010': 5, // 非机动车乱停放
  '09005': 4, // 店外经营
  '06012': 4, // 道路不洁、积水
  '06029': 3, // 露天烧烤
  '06036': 3,
  '06034': 2, // 僵尸车
  '04002': 2, // 行道树
  '03005': 2, // 垃圾箱
};

/** What a grid worker sets right on the spot (自行处置); the report carries the category's first condition. */
const SELF_WEIGHTS: Record<string, number> = {
  '06010': 12,
  '06036': 10,
  '07001': 10,
  '90003': 8,
  '90007': 8,
  '09010': 8,
  '09009': 6,
  '09005': 5,
  '06042': 5,
  '06007': 4,
  '06017': 4,
  '06019': 3,
  '06035': 3,
  '06040': 2,
};

const LONG_TAIL = 0.3;

export type ConditionPools = Record<RouteKind, Picker<HistoryCondition>>;

export function buildPools(cat: HistoryCatalogue): ConditionPools {
  // Only categories whose bare code the API resolves to a known condition can be reported.
  const usable = cat.conditions.filter((c) => cat.firstOf.has(c.categoryCode));
  // An urgent condition of a category is the rarer case of the same matter (a missing cover vs a loose one).
  const weighted = (table: Record<string, number>, tail: number) => (c: HistoryCondition) =>
    (table[c.categoryCode] ?? tail) * (c.urgency === 'normal' ? 1 : 0.3);
  const pool = (lead: HistoryCondition['lead'], table: Record<string, number>) => {
    const list = usable.filter((c) => c.lead === lead);
    if (list.length === 0) throw new Error(`demo history: the catalogue has no ${lead} condition`);
    return Picker.by(list, weighted(table, LONG_TAIL));
  };
  const department = pool('department', DEPARTMENT_WEIGHTS);
  const selfList = Object.keys(SELF_WEIGHTS)
    .map((code) => cat.firstOf.get(code))
    .filter((c): c is HistoryCondition => c !== undefined);
  if (selfList.length === 0) throw new Error('demo history: none of the on-the-spot categories is in the catalogue');
  return {
    self: Picker.by(selfList, (c) => SELF_WEIGHTS[c.categoryCode] ?? 1),
    village: pool('territorial', VILLAGE_WEIGHTS),
    town: department,
    district: department,
    enforcement: pool('enforcement', ENFORCEMENT_WEIGHTS),
  };
}
