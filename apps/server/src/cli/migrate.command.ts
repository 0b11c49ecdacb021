import { migrateDown, openDatabase } from '@liandong/db';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../prepare-database.ts';

export async function migrateCommand(config: Config, flags: Record<string, string>): Promise<number> {
  const db = await openDatabase(config);
  try {
    if (flags.down) {
      const steps = Number(flags.down === 'true' ? 1 : flags.down);
      if (!Number.isInteger(steps) || steps < 1) throw new Error('--down needs a positive number of steps');
      const undone = await migrateDown(db, steps);
      console.log(undone.length ? `Rolled back 已回滚: ${undone.join(', ')}` : 'Nothing to roll back 无可回滚的迁移');
    } else {
      const applied = await prepareDatabase(db);
      console.log(applied.length ? `Applied 已应用: ${applied.join(', ')}` : 'Database is up to date 数据库已是最新');
    }
    return 0;
  } finally {
    await db.close();
  }
}
