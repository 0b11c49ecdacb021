/**
 * Everything the history generator reads from the database, loaded once per build: the working calendar,
 * the grids with the same point → grid index the API uses, the organisation, the catalogue and the actors.
 */
import type { Queryable } from '@liandong/db';
import { loadWorkingCalendar, type WorkingCalendar } from '../../calendar/index.ts';
import { geometryBBox, type BBox } from '../../territory/geometry.ts';
import { shortDivisionName } from '../../territory/divisions.ts';
import { loadGridShapes } from '../../territory/territory.repository.ts';
import { TerritoryIndex } from '../../territory/territory-index.ts';
import { loadHistoryActors, type HistoryActors } from './context-actors.ts';
import { loadHistoryCatalogue, type HistoryCatalogue } from './context-catalogue.ts';
import { loadHistoryLadder, type HistoryLadder } from './history-ladder.ts';

export interface HistoryUnit {
  id: number;
  code: string;
  name: string;
  kind: 'centre' | 'sub_centre' | 'department' | 'station' | 'grid_team';
  divisionCode: string | null;
  enforcement: boolean;
  active: boolean;
}

export interface HistoryGrid {
  code: string;
  name: string;
  villageCode: string;
  townCode: string;
  population: number;
  bbox: BBox;
  /** Short names for texts: 青云社区, 松陵街道. */
  villageName: string;
  townName: string;
  stationId: number;
}

export interface HistoryContext {
  calendar: WorkingCalendar;
  index: TerritoryIndex;
  grids: HistoryGrid[];
  units: Map<number, HistoryUnit>;
  centre: HistoryUnit;
  subCentreByTown: Map<string, HistoryUnit>;
  stationByVillage: Map<string, HistoryUnit>;
  stationsByTown: Map<string, HistoryUnit[]>;
  departments: HistoryUnit[];
  catalogue: HistoryCatalogue;
  actors: HistoryActors;
  /** channels.intake_level: which centre first owns a new order of each channel. */
  intakeLevel: Map<string, 'district' | 'town'>;
  /** The clock's supervision policies and levels (history-ladder.ts). */
  ladder: HistoryLadder;
}

export async function loadHistoryContext(q: Queryable): Promise<HistoryContext> {
  const calendar = await loadWorkingCalendar(q);
  const u = await q.query<{ id: number; code: string; name: string; kind: HistoryUnit['kind']; division_code: string | null; enforcement: boolean; active: boolean }>(
    'select id, code, name, kind, division_code, enforcement, active from units order by id',
  );
  const units = new Map(u.rows.map((x) => [x.id, { id: x.id, code: x.code, name: x.name, kind: x.kind, divisionCode: x.division_code, enforcement: x.enforcement, active: x.active }]));
  const active = [...units.values()].filter((x) => x.active);
  // findCentre and routing both take the active unit with the smallest id per division; the demo has one each.
  const centre = active.find((x) => x.kind === 'centre');
  if (!centre) throw new Error('demo history: no district command centre; load the demo district first');
  const byDivision = (kind: HistoryUnit['kind']) => {
    const m = new Map<string, HistoryUnit>();
    for (const x of active) if (x.kind === kind && x.divisionCode && !m.has(x.divisionCode)) m.set(x.divisionCode, x);
    return m;
  };
  const subCentreByTown = byDivision('sub_centre');
  const stationByVillage = byDivision('station');

  const names = await q.query<{ code: string; name: string }>(`select code, name from divisions where level in ('town', 'village')`);
  const nameOf = new Map(names.rows.map((x) => [x.code, shortDivisionName(x.name)]));
  const shapes = await loadGridShapes(q);
  const pop = await q.query<{ code: string; population: number | null }>(`select code, population from grids where kind = 'basic'`);
  const population = new Map(pop.rows.map((x) => [x.code, x.population ?? 1000]));
  const grids: HistoryGrid[] = [];
  for (const s of shapes) {
    if (s.kind !== 'basic' || !s.villageCode || !s.townCode) continue;
    const station = stationByVillage.get(s.villageCode);
    // A grid whose village has no station or whose town has no sub-centre cannot be routed: leave it out.
    if (!station || !subCentreByTown.has(s.townCode)) continue;
    grids.push({
      code: s.code,
      name: s.name,
      villageCode: s.villageCode,
      townCode: s.townCode,
      population: population.get(s.code) ?? 1000,
      bbox: geometryBBox(s.geometry),
      villageName: nameOf.get(s.villageCode) ?? s.name,
      townName: nameOf.get(s.townCode) ?? '',
      stationId: station.id,
    });
  }
  if (grids.length === 0) throw new Error('demo history: no basic grid with a station; load the demo district first');

  const stationsByTown = new Map<string, HistoryUnit[]>();
  for (const g of grids) {
    const list = stationsByTown.get(g.townCode) ?? [];
    const st = units.get(g.stationId)!;
    if (!list.includes(st)) list.push(st);
    stationsByTown.set(g.townCode, list);
  }
  const departments = active.filter((x) => x.kind === 'department');
  const enforcement = new Set(departments.filter((d) => d.enforcement).map((d) => d.id));
  const catalogue = await loadHistoryCatalogue(q, enforcement);
  const actors = await loadHistoryActors(q, centre.id, new Set([...subCentreByTown.values()].map((x) => x.id)));
  const ch = await q.query<{ code: string; intake_level: 'district' | 'town' }>('select code, intake_level from channels where active');
  return {
    intakeLevel: new Map(ch.rows.map((x) => [x.code, x.intake_level])),
    calendar,
    index: TerritoryIndex.build(shapes),
    grids,
    units,
    centre,
    subCentreByTown,
    stationByVillage,
    stationsByTown,
    departments,
    catalogue,
    actors,
    ladder: await loadHistoryLadder(q),
  };
}
