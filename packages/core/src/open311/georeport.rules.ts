/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), pure rules: the answer formats, the spec's
 * errors, how a posted service request becomes an order's intake input, the key that makes a retry safe, the
 * public state of an order (open | closed) and the spec's date-times. No I/O.
 */
import { createHash } from 'node:crypto';
import type { CreateOrderInput } from '@liandong/contracts';
import { DomainError, type Messages } from '../shared/errors.ts';

export const GEOREPORT_SPEC = 'http://wiki.open311.org/GeoReport_v2';
export const GEOREPORT_FORMATS = ['json', 'xml'] as const;
export type GeoReportFormat = (typeof GEOREPORT_FORMATS)[number];
export const OPEN311_CHANNEL = 'open311';
/** What a posted request is: a report of a matter in the catalogue (诉求类型 举报/反映). */
export const OPEN311_NATURE = 'report';
/** The spec: without dates, the last 90 days; at most 1000 requests. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

/** A refusal as the spec writes it: `[{ code, description }]`, the code being the HTTP status. */
export class GeoReportError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429 | 500,
    readonly messages: Messages,
    readonly retryAfterSeconds?: number,
  ) {
    super(messages.en);
    this.name = 'GeoReportError';
  }
}

export const missing = (field: string) => new GeoReportError(400, { zh: `缺少必填参数 ${field}`, en: `${field} is required` });
export const invalid = (field: string, zh: string, en: string) => new GeoReportError(400, { zh: `参数 ${field} 无效：${zh}`, en: `${field} is invalid: ${en}` });
export const notFoundAs = (zh: string, en: string) => new GeoReportError(404, { zh, en });
export const invalidApiKey = () => new GeoReportError(403, { zh: 'api_key 无效或已吊销', en: 'api_key is invalid or revoked' });

/** Any refusal of the platform (a DomainError from intake, a rate limit) in the spec's terms; null for a bug. */
export function geoReportErrorOf(err: unknown): GeoReportError | null {
  if (err instanceof GeoReportError) return err;
  // A value the database refuses (a NUL character, a number out of range): bad input, never a 500.
  const sqlState = (err as { code?: unknown } | null)?.code;
  if (!(err instanceof DomainError) && typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
    return new GeoReportError(400, { zh: '参数取值无效', en: 'A parameter value is invalid' });
  }
  if (!(err instanceof DomainError)) return null;
  const retry = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
  const named = (m: string) => (err.field ? `${err.field}: ${m}` : m);
  const messages = { zh: named(err.messages.zh), en: named(err.messages.en) };
  if (err.status === 403 || err.status === 401) return new GeoReportError(403, messages);
  if (err.status === 404) return new GeoReportError(404, messages);
  if (err.status === 413) return new GeoReportError(413, messages);
  if (err.status === 429) return new GeoReportError(429, messages, retry);
  return new GeoReportError(400, messages);
}

/** The body of a refusal: an array of one error. */
export const errorList = (e: GeoReportError, lang: 'zh' | 'en') => [{ code: e.status, description: lang === 'en' ? e.messages.en : e.messages.zh }];

/** `services.json` → ['services', 'json']: the name and its format suffix (the last dot; codes may hold dots). */
export function splitFormat(file: string): { name: string; format: GeoReportFormat } {
  const dot = file.lastIndexOf('.');
  const ext = dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
  if (ext !== 'json' && ext !== 'xml') throw notFoundAs('格式须为 .json 或 .xml', 'The format must be .json or .xml');
  return { name: file.slice(0, dot), format: ext };
}

/** The format a URL asks for, for answering a refusal before any route ran (default JSON). */
export const formatOfUrl = (url: string): GeoReportFormat => (/\.xml$/i.test(url.split('?')[0]!) ? 'xml' : 'json');

/** The public status: the final states (closed, rejected, merged, voided) are closed, every other one open. */
export const publicStatus = (stateType: string): 'open' | 'closed' => (stateType === 'closed' || stateType === 'voided' ? 'closed' : 'open');

/** An instant as the spec's examples write it, with the offset of China (UTC+8, no daylight saving). */
export function w3cDateTime(at: Date | null): string | null {
  if (!at) return null;
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/** A date filter (ISO 8601 / W3C: a date or a date-time, with or without an offset, read as China time when without). */
export function parseDateParam(field: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const v = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  const at = m ? new Date(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ? (m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+08:00'}`) : null;
  if (!at || Number.isNaN(at.getTime())) throw invalid(field, '须为 ISO 8601 日期时间，如 2026-01-31T08:00:00+08:00', 'must be an ISO 8601 date-time, e.g. 2026-01-31T08:00:00+08:00');
  return at;
}

/** A comma list (service_request_id, service_code, status), trimmed, without empties, at most `max` items. */
export function commaList(field: string, value: string | undefined, max = 100): string[] {
  if (value === undefined) return [];
  const items = value.split(',').map((x) => x.trim()).filter(Boolean);
  if (items.length > max) throw invalid(field, `最多 ${max} 项`, `at most ${max} items`);
  return items;
}

export function statusFilter(value: string | undefined): ('open' | 'closed')[] {
  const items = commaList('status', value, 2);
  for (const s of items) if (s !== 'open' && s !== 'closed') throw invalid('status', '须为 open 或 closed', 'must be open or closed');
  return items as ('open' | 'closed')[];
}

/** The fields of a posted service request (form-encoded); others are ignored, as the spec lets clients send more. */
export interface ServiceRequestForm {
  api_key?: string;
  jurisdiction_id?: string;
  service_code?: string;
  lat?: string;
  long?: string;
  address_string?: string;
  address_id?: string;
  email?: string;
  device_id?: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  media_url?: string;
  /** `attribute[condition]=…` */
  attributes: Record<string, string>;
}

const FIELDS = ['api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url'] as const;

/** A form's pairs as the spec's fields (the first value of a repeated field counts). */
export function serviceRequestForm(pairs: Iterable<[string, string]>): ServiceRequestForm {
  const form: ServiceRequestForm = { attributes: {} };
  for (const [key, value] of pairs) {
    const attr = /^attribute\[([^\]]{1,60})\](?:\[\])?$/.exec(key);
    if (attr) {
      if (!(attr[1]! in form.attributes)) form.attributes[attr[1]!] = value;
    } else if ((FIELDS as readonly string[]).includes(key) && form[key as (typeof FIELDS)[number]] === undefined) {
      form[key as (typeof FIELDS)[number]] = value;
    }
  }
  return form;
}

const MEDIA_MARK = '\n媒体链接 media_url: ';
const PHONE = /^[0-9+\-]{5,20}$/;

/** The coordinate of a form field, or a 400 naming it. */
function coordinate(field: 'lat' | 'long', value: string | undefined, limit: number): number {
  if (value === undefined || value.trim() === '') {
    throw new GeoReportError(400, {
      zh: `缺少必填参数 ${field}：本平台按坐标（WGS-84 的 lat/long）定位每个诉求，仅有 address_string 无法受理`,
      en: `${field} is required: this jurisdiction locates every request by its point (WGS-84 lat/long); an address_string alone cannot be placed`,
    });
  }
  const n = Number(value.trim());
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw invalid(field, `须为 -${limit} 至 ${limit} 之间的数`, `must be a number between -${limit} and ${limit}`);
  return n;
}

/**
 * The intake input of a posted request, checked field by field (400 naming the field). The point is required
 * (the platform places every order in its grid). media_url is kept as a link at the end of the description (the
 * platform never fetches it); first and last name and phone make the reporter; email, device and account ids
 * identify the request for its retry key only (there is no place for them in a reporter).
 */
export function intakeInputOf(form: ServiceRequestForm, service: { code: string; name: string; conditionCodes: readonly string[] }): CreateOrderInput {
  const lat = coordinate('lat', form.lat, 90);
  const lng = coordinate('long', form.long, 180);
  const text = form.description?.trim() || service.name;
  const media = form.media_url?.trim();
  if (media) {
    let url: URL | null = null;
    try {
      url = new URL(media);
    } catch {
      /* refused below */
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || media.length > 1000 || /\s/.test(media)) {
      throw invalid('media_url', '须为 http(s) 地址，不超过 1000 个字符', 'must be an http(s) URL of at most 1000 characters');
    }
  }
  const description = media ? `${text}${MEDIA_MARK}${media}` : text;
  if (description.length > 4000) throw invalid('description', '连同 media_url 不能超过 4000 个字符', 'must be at most 4000 characters with the media_url');
  const address = form.address_string?.trim();
  if (address && address.length > 300) throw invalid('address_string', '不能超过 300 个字符', 'must be at most 300 characters');
  const condition = form.attributes.condition?.trim();
  if (condition && !service.conditionCodes.includes(condition)) {
    throw invalid('attribute[condition]', `不是服务 ${service.code} 的立案条件`, `is not a condition of service ${service.code}`);
  }
  // 张三 as Chinese write it (family name first, no space); John Smith as the Latin alphabet does.
  const parts = [form.first_name?.trim(), form.last_name?.trim()].filter(Boolean) as string[];
  const name = parts.every((x) => /^[\x20-\x7e]*$/.test(x)) ? parts.join(' ') : parts.reverse().join('');
  if (name.length > 60) throw invalid('first_name', '姓名不能超过 60 个字符', 'the name must be at most 60 characters');
  const phone = form.phone?.trim().replace(/[\s()]/g, '');
  if (phone && !PHONE.test(phone)) throw invalid('phone', '须为 5–20 位数字，可含 + 或 -', 'must be 5–20 digits, + or -');
  return {
    channel: OPEN311_CHANNEL,
    nature: OPEN311_NATURE,
    description,
    location: { lng, lat, crs: 'wgs84' },
    ...(address ? { address } : {}),
    categoryCode: service.code,
    ...(condition ? { conditionCode: condition } : {}),
    ...(name || phone ? { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
  };
}

/** The description as the public reads it, and its media link. */
export function splitMediaUrl(description: string): { description: string; mediaUrl: string | null } {
  const at = description.lastIndexOf(MEDIA_MARK);
  if (at < 0) return { description, mediaUrl: null };
  return { description: description.slice(0, at), mediaUrl: description.slice(at + MEDIA_MARK.length) };
}

/** Mobile and landline numbers in a citizen's words are masked before the public reads them (org/personal-data.ts). */
export { maskPersonalDataInText } from '../org/personal-data.ts';

/**
 * The Idempotency-Key of a posted request: the client's own header when it sends one; otherwise derived from
 * every field it posted but the api_key (the key's scope is already the token's user), so sending the same
 * request again finds the order the first one created. Two reports alike in every field from one integration
 * are one report; a client that means two sends an Idempotency-Key (or a device_id / account_id that differs).
 */
export function derivedIdempotencyKey(form: ServiceRequestForm): string {
  const { api_key: _key, attributes, ...fields } = form;
  const canonical = JSON.stringify([
    Object.entries(fields).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)),
    Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)),
  ]);
  return `open311-${createHash('sha256').update(canonical).digest('hex').slice(0, 40)}`;
}
