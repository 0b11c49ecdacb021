/**
 * Channel settings (通知渠道) an administrator enters: checked field by field so a 400 can name the field
 * (config.url, config.port...). Pure. A disabled channel may hold an incomplete config (being filled in);
 * an enabled one must be complete, or its messages would fail at every attempt. Targets on this machine or a
 * private network are refused unless allowed (outbound.rules.ts), and only harmless headers may be set.
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

/** The config as an administrator reads it back: the SMTP password is never shown. */
export function maskChannelConfig(config: ChannelConfig): ChannelConfig & { pass?: string } {
  return config.pass ? { ...config, pass: '********' } : config;
}
