/**
 * Which kind of unit sits at which level (组织机构层级), and under which kinds: a district's centre (指挥中心), a
 * town's sub-centre (分中心), departments at the district or a town, a village's station (工作站), a grid's team.
 */
import type { UnitKind } from '@liandong/contracts';

type Level = 'city' | 'district' | 'town' | 'village' | 'grid';
/** `top`: a unit with no parent (the district centre; a district bureau stands on its own). */
type Parent = UnitKind | 'top';

export const UNIT_KIND_RULES: Record<UnitKind, { levels: readonly Level[]; under: readonly Parent[] }> = {
  centre: { levels: ['city', 'district'], under: ['top', 'centre'] },
  sub_centre: { levels: ['town'], under: ['centre'] },
  department: { levels: ['city', 'district', 'town'], under: ['top', 'centre', 'sub_centre', 'department'] },
  station: { levels: ['village'], under: ['sub_centre'] },
  grid_team: { levels: ['grid'], under: ['station', 'sub_centre'] },
};

/** Why a unit of this kind cannot sit at this level under this parent, or null when it can. */
export function unitPlacementProblem(kind: UnitKind, level: Level, parentKind: Parent): { field: 'level' | 'parentId'; zh: string; en: string } | null {
  const rule = UNIT_KIND_RULES[kind];
  if (!rule.levels.includes(level)) {
    return { field: 'level', zh: `该类单位的层级应为 ${rule.levels.join('、')}`, en: `a unit of this kind sits at ${rule.levels.join(', ')}` };
  }
  if (!rule.under.includes(parentKind)) {
    return { field: 'parentId', zh: `该类单位的上级应为 ${rule.under.join('、')}`, en: `a unit of this kind sits under ${rule.under.join(', ')}` };
  }
  return null;
}
