/**
 * Loads the demo district (Wujiang, 320509): territory, organisation, catalogue, components, the
 * working calendar and demo users. Fast enough for the first start; the order history is built
 * afterwards, in the background (build-demo-history.ts).
 */
import { withinTransaction, type Db, type Queryable } from '@liandong/db';
import { DEPLOYMENT_READY_KEY, markDeploymentReady } from '../setup/deployment.ts';
import { seedStatutoryCalendar } from '../calendar/index.ts';
import { seedDemoEventTypes } from '../devices/manage-devices.ts';
import { loadDemoTerritory } from './territory/index.ts';
import { buildDemoComponents, insertDemoComponents, isWorkingGrid } from './territory/index.ts';
import { loadDemoCatalogue } from './catalogue/index.ts';
import { loadDemoUnits } from './load-demo-org.ts';
import { loadDemoUsers, planDemoUsers, planFieldAccounts, type DemoAccount } from './demo-users.ts';
import { loadDemoArticles } from './knowledge/demo-articles.ts';

export const DEMO_ACCOUNTS_KEY = 'demo.accounts';
export const DEMO_HISTORY_KEY = 'demo.history';

export type DemoStepProgress = (step: string, done: number, total: number) => void;

export async function isDatabaseEmpty(q: Queryable): Promise<boolean> {
  const r = await q.query<{ n: number }>('select (select count(*) from units) + (select count(*) from divisions) + (select count(*) from users) as n');
  return Number(r.rows[0]!.n) === 0;
}

export async function demoAccounts(q: Queryable): Promise<DemoAccount[] | null> {
  const r = await q.query<{ value: DemoAccount[] }>('select value from settings where key = $1', [DEMO_ACCOUNTS_KEY]);
  return r.rows[0]?.value ?? null;
}

export interface LoadDemoOptions {
  password: string;
  components?: number;
  onProgress?: DemoStepProgress;
}

/**
 * Loads the demo district in one transaction, ending with the deployment's completion marker: a kill at
 * any moment leaves either nothing or all of it, so the next start simply loads it again.
 */
export async function loadDemoDistrict(db: Db, opts: LoadDemoOptions): Promise<DemoAccount[]> {
  return db.transaction(async (tx) => {
    const accounts = await loadDemoParts(withinTransaction(tx, db.kind), opts);
    await markDeploymentReady(tx, 'demo', new Date());
    return accounts;
  });
}

/** The parts of the demo, each written as if alone (the caller makes them one transaction). */
async function loadDemoParts(db: Db, opts: LoadDemoOptions): Promise<DemoAccount[]> {
  const progress = opts.onProgress ?? (() => undefined);
  const { territory } = await loadDemoTerritory(db, (done, total, phase) => progress(`territory:${phase}`, done, total));
  const accounts = await db.transaction(async (tx) => {
    progress('organisation', 0, 1);
    const unitIds = await loadDemoUnits(tx, territory.divisions);
    progress('organisation', 1, 1);
    progress('calendar', 0, 1);
    await seedStatutoryCalendar(tx);
    progress('calendar', 1, 1);
    progress('users', 0, 1);
    const plans = planDemoUsers(territory.divisions, territory.grids, unitIds);
    const list = await loadDemoUsers(tx, plans, opts.password, planFieldAccounts(territory.divisions, territory.grids, unitIds, plans));
    progress('users', 1, 1);
    return { list, unitIds };
  });
  progress('catalogue', 0, 1);
  await loadDemoCatalogue(db, accounts.unitIds);
  await seedDemoEventTypes(db);
  progress('catalogue', 1, 1);
  progress('components', 0, 1);
  const basic = territory.grids.filter(isWorkingGrid);
  await insertDemoComponents(db, buildDemoComponents(basic, opts.components ?? 5000), accounts.unitIds);
  progress('components', 1, 1);
  progress('knowledge', 0, 1);
  await loadDemoArticles(db, accounts.unitIds, new Date());
  progress('knowledge', 1, 1);
  await db.query('insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value, updated_at = now()', [
    DEMO_ACCOUNTS_KEY,
    JSON.stringify(accounts.list),
  ]);
  return accounts.list;
}

/** Tables that hold a deployment's own data; reference rows (states, roles, channels…) and the calendar stay. */
const DATA_TABLES = [
  'kb_articles',
  'device_events',
  'idempotency_keys',
  'order_events',
  'order_step_runs',
  'order_deadlines',
  'order_units',
  'order_reporters',
  'orders',
  'files',
  'components',
  'condition_units',
  'category_conditions',
  'categories',
  'login_attempts',
  'api_tokens',
  'sessions',
  'user_scopes',
  'user_roles',
  'users',
  'units',
  'grids',
  'divisions',
];

/**
 * Reference data that names an account (who last edited it): TRUNCATE … CASCADE through users would empty it too,
 * leaving a demo that cannot send one message. It is kept across the reset, forgetting the editor.
 */
const KEPT_REFERENCE = ['message_templates', 'notification_channels'];

/** Empties the deployment's data so the demo can be loaded again; message templates and channels stay. */
export async function resetDeploymentData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const t of KEPT_REFERENCE) await tx.exec(`create temporary table kept_${t} on commit drop as select * from ${t}; update kept_${t} set updated_by = null`);
    await tx.exec(`truncate ${DATA_TABLES.join(', ')} restart identity cascade`);
    for (const t of KEPT_REFERENCE) await tx.exec(`insert into ${t} select * from kept_${t}`);
    await tx.query(`delete from settings where key like 'demo.%' or key = 'territory.version' or key = $1`, [DEPLOYMENT_READY_KEY]);
  });
}
