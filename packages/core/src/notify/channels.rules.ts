/**
 * Channel settings (通知渠道) an administrator enters: checked field by field so a 400 can name the field
 * (config.url, config.port...). Pure. A disabled channel may hold an incomplete config (being filled in);
 * an enabled one must be complete, or its messages would fail at every attempt.
 */
import { invalidField, unprocessable } from '../shared/errors.ts';
import type { ChannelCode, ChannelConfig } from './notify.types.ts';

type FieldKind = 'url' | 'string' | 'port' | 'boolean' | 'headers';
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
    host: { kind: 'string', required: true, max: 255 },
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

function checkField(field: string, spec: FieldSpec, v: unknown): void {
  const f = `config.${field}`;
  switch (spec.kind) {
    case 'url':
      if (typeof v !== 'string' || !isHttpUrl(v)) throw invalidField(f, '应为 http(s) 网址', 'must be an http(s) URL');
      return;
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
        if (!/^[A-Za-z0-9-]{1,64}$/.test(k) || typeof x !== 'string') throw invalidField(`${f}.${k}`, '应为字符串请求头', 'must be a string header');
      }
  }
}

/** Checks a channel's config; returns it with only known fields. */
export function validateChannelConfig(code: ChannelCode, config: Record<string, unknown>, enabled: boolean): ChannelConfig {
  const specs = SPECS[code];
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(config)) {
    const spec = specs[field];
    if (!spec) throw invalidField(`config.${field}`, '不是允许的字段', 'is not an allowed field');
    if (v === undefined || v === null || v === '') continue;
    checkField(field, spec, v);
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
