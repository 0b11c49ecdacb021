/**
 * The supervision levels (督办级别) as data, rows of `supervision_levels`: each level's names, the message
 * template it sends, whom it notifies by default, whether it gives the supervised unit a task (with its
 * default limit in working hours) and whether it produces the special report. Recipe in ARCHITECTURE.md.
 */
import type { Queryable } from '@liandong/db';
import type { SupervisionLevelView } from '@liandong/contracts';
import { isTemplateCode, type TemplateCode } from '../notify/index.ts';
import type { NotifyTarget } from './supervision.types.ts';

export interface LevelDefinition {
  level: number;
  nameZh: string;
  nameEn: string;
  template: TemplateCode;
  notify: NotifyTarget[];
  hasTask: boolean;
  taskHours: number | null;
  producesReport: boolean;
}

const COLUMNS = `level, name_zh as "nameZh", name_en as "nameEn", template, notify, has_task as "hasTask",
  task_hours::float8 as "taskHours", produces_report as "producesReport"`;

export async function listLevels(q: Queryable): Promise<SupervisionLevelView[]> {
  return (await q.query<SupervisionLevelView>(`select ${COLUMNS} from supervision_levels order by level`)).rows;
}

/** One level, or null when no such level is defined. */
export async function getLevel(q: Queryable, level: number): Promise<LevelDefinition | null> {
  const row = (await q.query<LevelDefinition>(`select ${COLUMNS} from supervision_levels where level = $1`, [level])).rows[0];
  if (!row) return null;
  if (!isTemplateCode(row.template)) throw new Error(`supervision level ${level}: unknown template ${row.template}`);
  return row;
}
