/**
 * `liandong start`: migrate, load the demo district on an empty database, serve HTTP, then build the
 * demo's order history in the background with its progress shown — the server is usable at once.
 * `--no-background` serves HTTP only: timers, delivery and the history build are left to `liandong worker`.
 */
import { demoAccounts } from '@liandong/core/demo/index.ts';
import { firstStart, type FirstStart } from '../first-start.ts';
import { demoHistoryStatus } from '@liandong/core/demo/history/index.ts';
import { buildApp } from '../app.ts';
import { DEFAULT_DEMO_PASSWORD, type Config } from '../config.ts';
import { openPlatform, type Platform } from '../platform.ts';
import { prepareDatabase } from '../prepare-database.ts';
import { startBackground } from '../background.ts';
import { buildHistory } from './build-history.ts';
import { progressReporter } from './progress.ts';

export async function startCommand(config: Config, opts: { background: boolean } = { background: true }): Promise<number> {
  const t0 = performance.now();
  const p = await openPlatform(config);
  const applied = await prepareDatabase(p.db);
  if (applied.length) console.log(`Migrations applied 已应用迁移: ${applied.join(', ')}`);
  const first = await firstStart(p, config);
  const app = await buildApp(p, { logLevel: config.logLevel, cookieSecure: config.cookieSecure });
  const address = await app.listen({ port: config.port, host: config.host });
  const accounts = await demoAccounts(p.db);
  if (accounts) printAccounts(accounts, config);
  printFirstStart(first);
  console.log(`\n  API docs 接口文档: ${address}/api/docs   health: ${address}/api/health`);
  console.log(`  Database 数据库: ${config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`}`);
  if (!opts.background) console.log('  Background work 后台任务: off (--no-background); run `liandong worker` beside it');
  // Last, so that whoever waits for this line has everything above it.
  console.log(`Liandong 联动 is ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${address}`);
  const background = opts.background ? startBackground(p) : null;
  const stop = async () => {
    await background?.stop();
    await app.close();
    await p.db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (opts.background && accounts && config.demoDays > 0) void buildHistoryInBackground(p, config.demoDays);
  return new Promise<number>(() => undefined); // runs until a signal stops it
}

function printFirstStart(first: FirstStart): void {
  if (first.done === 'admin') {
    console.log('\nFirst start without the demo 首次启动（无演示数据）: administrator 管理员 `admin` created.');
    if (first.password) {
      console.log(`  Password 初始密码 (shown only this once 仅显示一次): ${first.password}`);
    } else {
      console.log('  Password 初始密码: the value of LIANDONG_ADMIN_PASSWORD');
    }
    console.log('  It must be changed at first sign-in 首次登录须修改密码 (POST /api/v1/auth/password).');
  }
  if (first.done === 'nothing' && first.state === 'incomplete') {
    console.error(
      '\nThe database holds data but its first setup never completed 数据库初始化未完成: /api/health answers 503.\n' +
        '  Load the demo again with `liandong demo`, or see README "Production deployment".',
    );
  }
}

function printAccounts(accounts: { username: string; role: string; scope: string }[], config: Config): void {
  const shown = accounts.filter((a, i) => i < 12 || a.role === 'citizen');
  console.log(`\nDemo accounts 演示账号 (${accounts.length}; all at GET /api/v1/demo/accounts):`);
  for (const a of shown) console.log(`  ${a.username.padEnd(22)} ${a.role.padEnd(12)} ${a.scope}`);
  console.log(
    config.demoPasswordFromEnv
      ? '  Password 密码: the value of LIANDONG_DEMO_PASSWORD'
      : `  Password 密码: ${DEFAULT_DEMO_PASSWORD}   (set LIANDONG_DEMO_PASSWORD to choose another)`,
  );
}

export async function buildHistoryInBackground(p: Platform, days: number): Promise<void> {
  try {
    const status = await demoHistoryStatus(p.db);
    if (status?.state === 'done') return;
    console.log(`\nBuilding ${days} days of demo order history in the background 正在后台生成演示历史工单 …`);
    const result = await buildHistory(p, days, progressReporter('demo history 历史工单'));
    console.log(`Demo history ready 演示历史工单已生成: ${result.orders} orders in ${(result.ms / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error('Demo history failed 演示历史生成失败:', err);
  }
}
