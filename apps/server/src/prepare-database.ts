import { migrate, type Db } from '@liandong/db';
import { seedStatutoryCalendar } from '@liandong/core/calendar/index.ts';

/**
 * Brings a database to what the code expects: migrations applied, and China's statutory holidays and
 * make-up working days known (inserted only where a day is not yet stored, so an administrator's edits stay).
 */
export async function prepareDatabase(db: Db): Promise<string[]> {
  const applied = await migrate(db);
  await seedStatutoryCalendar(db);
  return applied;
}
