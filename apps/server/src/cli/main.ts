/**
 * `liandong <command>`: start | migrate | demo [check] | import grids|catalogue|divisions FILE | user add | token add|list|revoke.
 * Configuration comes from the environment (SPEC §11) and flags, validated before anything runs.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { parseArgs } from './args.ts';

// Each command's module is loaded only when it runs: `liandong token list` does not load the HTTP server.

const USAGE = `liandong — 联动 grid-based social governance linkage platform

Usage:
  liandong start [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--no-background]
        server and background work in one process; on first run migrates and loads the demo district
        (--no-background: HTTP only, for several API processes beside \`liandong worker\` on one PostgreSQL)
  liandong worker [--data-dir DIR] [--database-url URL]
        background work only: timers (supervision, escalation), outbox delivery, housekeeping, demo history
  liandong migrate [--down N]           apply (or roll back N) database migrations
  liandong demo [--days N]              (re)load the demo district with N days of order history (default 7)
  liandong demo check                   completion by day, where orders were solved (70/20/10), supervisions;
                                        audits every timeline and clock (exit 1 on a problem)
  liandong import grids FILE.geojson [--crs wgs84|gcj02]
  liandong import catalogue FILE.csv
  liandong import divisions FILE.csv
  liandong user add --username U --name "显示名" --role ROLE[,ROLE] [--unit UNIT_CODE] [--area CODE[,CODE]] [--scope-unit UNIT_CODE[,..]] --password P
  liandong token add --user USERNAME --name NAME      prints a new API token for an integration
  liandong token list [--user USERNAME]              lists API tokens (id, name, user, created, state)
  liandong token revoke ID|NAME                      revokes an API token at once
  liandong stats check | rebuild | fold   the statistics rollups: recount and report every difference (exit 1 on any),
                                        make them again from every order, or fold the pending changes now
  liandong reports monthly               each district's analysis report of the month just ended, if not made yet
  liandong calendar show YYYY-MM | set YYYY-MM-DD --workday|--holiday [--name N] | hours 08:30-12:00,13:30-17:30

Environment: PORT (8080), HOST (127.0.0.1), LIANDONG_DATA_DIR (./data), DATABASE_URL (PostgreSQL server instead of
the embedded database), LIANDONG_DEMO_PASSWORD (password of every demo account), LIANDONG_DEMO_DAYS, LOG_LEVEL.`;

/** Runs one command; `env` is the environment its settings come from (the process's own, but for tests). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseArgs(argv);
  const [command, ...rest] = args.positional;
  if (!command || command === 'help' || args.flags.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  let config;
  try {
    config = loadConfig(env, args.flags);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error 配置错误: ${err.message}`);
      return 2;
    }
    throw err;
  }
  try {
    switch (command) {
      case 'start':
        return await (await import('./start.command.ts')).startCommand(config, { background: args.flags['no-background'] === undefined });
      case 'worker':
        return await (await import('./worker.command.ts')).workerCommand(config);
      case 'migrate':
        return await (await import('./migrate.command.ts')).migrateCommand(config, args.flags);
      case 'demo':
        return await (await import('./demo.command.ts')).demoCommand(config, rest);
      case 'import':
        return await (await import('./import.command.ts')).importCommand(config, rest, args.flags);
      case 'user':
        return await (await import('./user.command.ts')).userCommand(config, rest, args.flags);
      case 'calendar':
        return await (await import('./calendar.command.ts')).calendarCommand(config, rest, args.flags);
      case 'stats':
        return await (await import('./stats.command.ts')).statsCommand(config, rest);
      case 'reports':
        return await (await import('./reports.command.ts')).reportsCommand(config, rest);
      case 'token':
        return await (await import('./user.command.ts')).tokenCommand(config, rest, args.flags);
      default:
        console.error(`Unknown command 未知命令: ${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (err) {
    const e = err as { messages?: { zh: string; en: string }; message?: string };
    console.error(e.messages ? `${e.messages.zh} / ${e.messages.en}` : `Error: ${e.message ?? String(err)}`);
    return 1;
  }
}
