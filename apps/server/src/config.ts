/**
 * Configuration from environment variables (SPEC §11) and command-line flags, read and validated once
 * at start. A bad setting stops the start with a message naming it.
 */
import { resolve } from 'node:path';
import { CRS_CODES, type CrsCode, type MapConfig } from '@liandong/contracts';
import { parseAllowList } from '@liandong/core/notify/outbound.rules.ts';
import { fileStoreFrom, type FileStore } from '@liandong/core/files/file-store.ts';
import { DEFAULT_RATE_SETTINGS as RATE, rateLimits, type RateLimits } from './http/rate-limit.rules.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demoPassword: string;
  demoPasswordFromEnv: boolean;
  demoDays: number;
  /**
   * Whether an empty database gets the demo district: yes on the embedded database (zero setup), on a
   * server given by DATABASE_URL only when asked (LIANDONG_DEMO=1). Otherwise the first start creates one
   * administrator.
   */
  demo: boolean;
  /** The first administrator's password (LIANDONG_ADMIN_PASSWORD); generated and printed once when unset. */
  adminPassword?: string;
  /** 'auto': Secure on HTTPS requests (directly or through a local proxy's X-Forwarded-Proto). */
  cookieSecure: boolean | 'auto';
  logLevel: string;
  /** Where citizens reach the platform (links in SMS); default http://HOST:PORT. */
  publicUrl: string;
  /** Where uploaded bytes live: LIANDONG_FILE_STORE = database (default), folder:/path or s3:URL. */
  fileStore: FileStore;
  /** Rate limits on intake, uploads and public routes (LIANDONG_RATE_*; LIANDONG_RATE_LIMITS=off disables them). */
  rateLimits: RateLimits;
  /** The maps' base tiles (LIANDONG_BASEMAP_URL, _CRS, _ATTRIBUTION); none by default: the vector map alone. */
  basemap: Basemap | null;
}

export type Basemap = NonNullable<MapConfig['basemap']>;

export class ConfigError extends Error {}

export const DEFAULT_DEMO_PASSWORD = 'Liandong@2026';

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}") / ${name} 须为 ${min}–${max} 的整数`);
  return n;
}

function bool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}") / ${name} 须为 true 或 false`);
}

function fileStore(setting: string | undefined, dataDir: string): FileStore {
  try {
    return fileStoreFrom(setting, dataDir);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/** Flags (`--port 9000`) override the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: Record<string, string> = {}): Config {
  const get = (flag: string, name: string) => flags[flag] ?? env[name];
  const databaseUrl = get('database-url', 'DATABASE_URL') || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql:// / DATABASE_URL 须以 postgres:// 开头');
  }
  const demoPassword = get('demo-password', 'LIANDONG_DEMO_PASSWORD');
  if (demoPassword !== undefined && demoPassword.length < 8) {
    throw new ConfigError('LIANDONG_DEMO_PASSWORD must be at least 8 characters / 演示密码至少 8 位');
  }
  const host = get('host', 'HOST') || '127.0.0.1';
  const publicUrl = get('public-url', 'LIANDONG_PUBLIC_URL');
  if (publicUrl && !/^https?:\/\/[^\s]+$/.test(publicUrl)) {
    throw new ConfigError('LIANDONG_PUBLIC_URL must be an http(s) address / LIANDONG_PUBLIC_URL 须为 http(s) 地址');
  }
  try {
    parseAllowList(env.LIANDONG_OUTBOUND_ALLOW);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const adminPassword = env.LIANDONG_ADMIN_PASSWORD || undefined;
  const dataDir = resolve(get('data-dir', 'LIANDONG_DATA_DIR') || './data');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('LIANDONG_ADMIN_PASSWORD must be at least 12 characters / 管理员初始密码至少 12 位');
  }
  return {
    demo: bool('LIANDONG_DEMO', env.LIANDONG_DEMO, !databaseUrl),
    adminPassword,
    port: int('PORT', get('port', 'PORT'), 8080, 0, 65535),
    host,
    dataDir,
    databaseUrl,
    demoPassword: demoPassword ?? DEFAULT_DEMO_PASSWORD,
    demoPasswordFromEnv: demoPassword !== undefined,
    demoDays: int('LIANDONG_DEMO_DAYS', get('days', 'LIANDONG_DEMO_DAYS'), 7, 0, 366),
    cookieSecure: env.LIANDONG_COOKIE_SECURE === 'auto' || !env.LIANDONG_COOKIE_SECURE ? 'auto' : bool('LIANDONG_COOKIE_SECURE', env.LIANDONG_COOKIE_SECURE, false),
    logLevel: get('log-level', 'LOG_LEVEL') || 'warn',
    rateLimits: loadRateLimits(env),
    fileStore: fileStore(env.LIANDONG_FILE_STORE, dataDir),
    basemap: loadBasemap(env),
    publicUrl: (publicUrl || '').replace(/\/$/, '') || `http://${host}:${get('port', 'PORT') || 8080}`,
  };
}

function loadBasemap(env: NodeJS.ProcessEnv): Basemap | null {
  const tiles = env.LIANDONG_BASEMAP_URL?.trim();
  if (!tiles) return null;
  if (!/^(https?:\/\/|\/)[^\s]*\{z\}[^\s]*$/.test(tiles) || !tiles.includes('{x}') || !tiles.includes('{y}')) {
    throw new ConfigError('LIANDONG_BASEMAP_URL must be an http(s) tile address with {z}, {x} and {y} / LIANDONG_BASEMAP_URL 须为含 {z}{x}{y} 的瓦片地址');
  }
  const crs = (env.LIANDONG_BASEMAP_CRS || 'wgs84').toLowerCase() as CrsCode;
  if (!CRS_CODES.includes(crs)) {
    throw new ConfigError('LIANDONG_BASEMAP_CRS must be wgs84, gcj02 or bd09 / LIANDONG_BASEMAP_CRS 须为 wgs84、gcj02 或 bd09');
  }
  return { tiles, crs, attribution: env.LIANDONG_BASEMAP_ATTRIBUTION ?? '' };
}

/** Rate limits from LIANDONG_RATE_* (see README); per process, in memory. */
export function loadRateLimits(env: NodeJS.ProcessEnv = process.env): RateLimits {
  const switchRaw = (env.LIANDONG_RATE_LIMITS ?? '').toLowerCase();
  const enabled = switchRaw === 'off' ? false : switchRaw === 'on' ? true : bool('LIANDONG_RATE_LIMITS', switchRaw, true);
  const n = (name: string, fallback: number, min = 1) => int(name, env[name], fallback, min, 1_000_000_000);
  return rateLimits({
    enabled,
    intakeCitizen: n('LIANDONG_RATE_INTAKE_CITIZEN', RATE.intakeCitizen),
    intakeStaff: n('LIANDONG_RATE_INTAKE_STAFF', RATE.intakeStaff),
    intakeIntegration: n('LIANDONG_RATE_INTAKE_INTEGRATION', RATE.intakeIntegration),
    uploadFiles: n('LIANDONG_RATE_UPLOAD_FILES', RATE.uploadFiles),
    // at least one largest upload (10 MB) must fit in a window
    uploadMb: n('LIANDONG_RATE_UPLOAD_MB', RATE.uploadMb, 10),
    publicPerMinute: n('LIANDONG_RATE_PUBLIC', RATE.publicPerMinute),
    signInCodesPerHour: n('LIANDONG_RATE_SIGN_IN_CODES', RATE.signInCodesPerHour),
    signInTriesPerHour: n('LIANDONG_RATE_SIGN_IN_TRIES', RATE.signInTriesPerHour),
  });
}
