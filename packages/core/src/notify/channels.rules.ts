/**
 * Channel settings (通知渠道) an administrator enters: checked field by field so a 400 can name the field
 * (config.url, config.port...). Pure. A disabled channel may hold an incomplete config (being filled in);
 * an enabled one must be complete, or its messages would fail at every attempt. Targets on this machine or a
 * private network are refused unless allowed (outbound.rules.ts), and only harmless headers may be set. Secrets
 * are never read back (maskChannelConfig) and an edit sent back as read keeps them (restoreSecrets).
 */
import { invalidField, unprocessable } from '../shared/errors.ts';
import type { ChannelCode, ChannelConfig } from './notify.types.ts';
import { isAllowedHeader, refusalOf, type AllowEntry } from './outbound.rules.ts';

type FieldKind = 'url' | 'host' | 'string' | 'port' | 'boolean' | 'headers';
interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  max?: number;
}

const SPECS: Record<ChannelCode, Record<string, FieldSpec>> = {
  inbox: {},
  sms: { url: { kind: 'url', required: true }, headers: { kind: 'headers' }, sign: { kind: 'string', max: 20 } },
  wecom: { webhookUrl: { kind: 'url', required: true } },
  dingtalk: { webhookUrl: { kind: 'url', required: true }, secret: { kind: 'string', max: 200 } },
  email: {
    host: { kind: 'host', required: true, max: 255 },
    port: { kind: 'port', required: true },
    secure: { kind: 'boolean' },
    user: { kind: 'string', max: 255 },
    pass: { kind: 'string', max: 255 },
    from: { kind: 'string', required: true, max: 255 },
  },
};

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function checkField(field: string, spec: FieldSpec, v: unknown, allow: readonly AllowEntry[], port: number): void {
  const f = `config.${field}`;
  switch (spec.kind) {
    case 'url': {
      if (typeof v !== 'string' || !isHttpUrl(v)) throw invalidField(f, '应为 http(s) 网址', 'must be an http(s) URL');
      const u = new URL(v);
      if (u.username || u.password) throw invalidField(f, '网址中不能含用户名或密码', 'must not carry a user name or password');
      const refusal = refusalOf(u.hostname, Number(u.port) || (u.protocol === 'https:' ? 443 : 80), allow);
      if (refusal) throw invalidField(f, '不能指向本机或内网地址（可由管理员通过 LIANDONG_OUTBOUND_ALLOW 放行）', `must not point to this machine or a private network (${refusal}; an administrator may allow a host with LIANDONG_OUTBOUND_ALLOW)`);
      return;
    }
    case 'host': {
      if (typeof v !== 'string' || v.length > (spec.max ?? 255)) throw invalidField(f, '应为主机名', 'must be a host name');
      const refusal = refusalOf(v, port, allow);
      if (refusal) throw invalidField(f, '不能指向本机或内网地址（可由管理员通过 LIANDONG_OUTBOUND_ALLOW 放行）', `must not point to this machine or a private network (${refusal}; an administrator may allow a host with LIANDONG_OUTBOUND_ALLOW)`);
      return;
    }
    case 'string':
      if (typeof v !== 'string') throw invalidField(f, '类型应为 string', 'must be of type string');
      if (spec.max && v.length > spec.max) throw invalidField(f, `长度不能超过 ${spec.max}`, `must be at most ${spec.max} characters`);
      return;
    case 'port':
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 65535) throw invalidField(f, '应为 1–65535 的整数', 'must be an integer 1–65535');
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw invalidField(f, '类型应为 boolean', 'must be of type boolean');
      return;
    case 'headers':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidField(f, '应为对象', 'must be an object');
      for (const [k, x] of Object.entries(v)) {
        if (!/^[A-Za-z0-9-]{1,64}$/.test(k) || typeof x !== 'string' || /[\r\n]/.test(x)) throw invalidField(`${f}.${k}`, '应为字符串请求头', 'must be a string header');
        if (!isAllowedHeader(k)) throw invalidField(`${f}.${k}`, '只允许 Authorization、Accept 和 X- 开头的请求头', 'only Authorization, Accept and X-… headers may be set');
      }
  }
}

/** Checks a channel's config; returns it with only known fields. */
export function validateChannelConfig(
  code: ChannelCode,
  config: Record<string, unknown>,
  enabled: boolean,
  allow: readonly AllowEntry[] = [],
): ChannelConfig {
  const port = Number.isInteger(config.port) ? (config.port as number) : 25;
  const specs = SPECS[code];
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(config)) {
    const spec = specs[field];
    if (!spec) throw invalidField(`config.${field}`, '不是允许的字段', 'is not an allowed field');
    if (v === undefined || v === null || v === '') continue;
    checkField(field, spec, v, allow, port);
    out[field] = v;
  }
  if (code === 'inbox' && !enabled) throw unprocessable('enabled', '站内信渠道不能停用', 'The inbox channel cannot be disabled');
  if (enabled) {
    const missing = Object.entries(specs).find(([f, s]) => s.required && out[f] === undefined);
    if (missing) throw invalidField(`config.${missing[0]}`, '启用渠道时为必填项', 'is required to enable the channel');
  }
  if (code === 'email' && out.secure === undefined && out.port !== undefined) out.secure = out.port === 465;
  return out as ChannelConfig;
}

/** What an administrator reads back in place of a secret; sent back unchanged, it keeps the stored secret. */
export const SECRET_MASK = '********';

/** Query values of a gateway's or robot's address are its credentials (WeCom `key`, DingTalk `access_token`, `apikey`). */
function maskUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.search) return url;
  u.search = new URLSearchParams([...u.searchParams.keys()].map((k): [string, string] => [k, SECRET_MASK])).toString();
  return u.toString();
}

/** Header values other than Accept are credentials (Authorization, X-Api-Key…). */
const isSecretHeader = (name: string) => name.toLowerCase() !== 'accept';

/**
 * The config as an administrator reads it back: no secret is ever shown — the SMTP password, the DingTalk
 * signing secret, the gateway's header values and the query values of every address are masked.
 */
export function maskChannelConfig(config: ChannelConfig): ChannelConfig {
  const out: ChannelConfig = { ...config };
  if (out.pass) out.pass = SECRET_MASK;
  if (out.secret) out.secret = SECRET_MASK;
  if (out.url) out.url = maskUrl(out.url);
  if (out.webhookUrl) out.webhookUrl = maskUrl(out.webhookUrl);
  if (out.headers) out.headers = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k, isSecretHeader(k) ? SECRET_MASK : v]));
  return out;
}

/**
 * Puts the stored secrets back where an edit sent them as read (masked): the password and signing secret when
 * masked or left out, a masked header value from the stored header of that name, a masked query value from the
 * stored address — only while the address itself (origin and path) is unchanged, so a secret never follows an
 * edit to another host. Anything typed replaces what was stored; an empty value removes it.
 */
export function restoreSecrets(given: Record<string, unknown>, stored: ChannelConfig): Record<string, unknown> {
  const out = { ...given };
  for (const f of ['pass', 'secret'] as const) if ((out[f] === undefined || out[f] === SECRET_MASK) && stored[f]) out[f] = stored[f];
  for (const f of ['url', 'webhookUrl'] as const) {
    const v = out[f];
    if (typeof v === 'string' && stored[f]) out[f] = restoreUrl(v, stored[f]);
  }
  const headers = out.headers;
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    const old = new Map(Object.entries(stored.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    out.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === SECRET_MASK && old.has(k.toLowerCase()) ? old.get(k.toLowerCase()) : v]));
  }
  return out;
}

function restoreUrl(given: string, stored: string): string {
  if (!given.includes(SECRET_MASK)) return given;
  if (given === maskUrl(stored)) return stored;
  let g: URL, s: URL;
  try {
    [g, s] = [new URL(given), new URL(stored)];
  } catch {
    return given;
  }
  if (g.origin !== s.origin || g.pathname !== s.pathname) return given;
  g.search = new URLSearchParams([...g.searchParams].map(([k, v]): [string, string] => [k, v === SECRET_MASK && s.searchParams.has(k) ? s.searchParams.get(k)! : v])).toString();
  return g.toString();
}
