/**
 * Request validation with two Ajv instances: bodies are checked strictly (no type coercion, unknown
 * fields rejected), query strings and path parameters are coerced from text. Validation failures
 * become a 400 naming the field, in Chinese and English.
 */
import { Ajv, type ErrorObject } from 'ajv';
import formatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '@liandong/core/shared/errors.ts';
import { isDateTime } from './date-time-format.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
  addFormats(ajv);
  // The same decision, faster (date-time-format.ts).
  ajv.addFormat('date-time', { ...(fullFormats['date-time'] as object), type: 'string', validate: isDateTime });
  return ajv;
}

export function installValidation(app: FastifyInstance): void {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  app.setSchemaErrorFormatter((errors, dataVar) => validationError(errors as ErrorObject[], dataVar));
  // One rule for every text of every route: a lone UTF-16 surrogate is refused, never stored as U+FFFD.
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [['body', req.body], ['query', req.query], ['params', req.params]] as const) {
      if (part === 'body' && typeof value === 'object' && value !== null && wellFormedBodies.has(value)) continue;
      const at = malformedText(value);
      if (at !== null) {
        const field = at || part;
        throw new DomainError(400, 'invalid_field', { zh: `字段 ${field} 含有无效的 Unicode 字符（孤立代理项）`, en: `Field ${field} contains an invalid Unicode character (a lone surrogate)` }, field);
      }
    }
  });
}

/** Bodies parsed from JSON text that cannot hold a lone surrogate (wellFormedJson): not walked again. */
const wellFormedBodies = new WeakSet<object>();
/** A surrogate code unit, raw or as a JSON escape (an escaped backslash before a `u` is taken for one too: walked). */
const ANY_SURROGATE = /[\uD800-\uDFFF]|\\u[dD][89a-fA-F]/;

/**
 * Notes that `body`, parsed from `text`, holds no lone surrogate when the text shows none at all — one scan of the
 * text instead of a walk of every string (a batch of a thousand detections). A parser that keeps the text calls it.
 */
export function wellFormedJson(text: string, body: unknown): void {
  if (typeof body === 'object' && body !== null && !ANY_SURROGATE.test(text)) wellFormedBodies.add(body);
}

/** The path ('reporter.name', 'items.0') of the first string that is not well-formed UTF-16, '' for the value itself, or null. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function malformedText(value: unknown, path = '', depth = 0): string | null {
  // Walked first without building paths (a batch of a thousand detections is ten thousand strings); the path of
  // the culprit is found only when there is one.
  return hasMalformedText(value, depth) ? locateMalformedText(value, path, depth) : null;
}

function hasMalformedText(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (depth > 32 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) {
    for (const inner of value) if (hasMalformedText(inner, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (LONE_SURROGATE.test(key) || hasMalformedText((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

function locateMalformedText(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (LONE_SURROGATE.test(key)) return here;
    const found = locateMalformedText(inner, here, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function fieldOf(e: ErrorObject, part: string): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = e.keyword === 'required' ? e.params.missingProperty : e.keyword === 'additionalProperties' ? e.params.additionalProperty : '';
  const field = [path, extra].filter(Boolean).join('.');
  return field || part;
}

function describe(e: ErrorObject): { zh: string; en: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { zh: '为必填项', en: 'is required' };
    case 'additionalProperties':
      return { zh: '不是允许的字段', en: 'is not an allowed field' };
    case 'type':
      return { zh: `类型应为 ${p.type}`, en: `must be of type ${p.type}` };
    case 'minLength':
      return p.limit === 1 ? { zh: '不能为空', en: 'must not be empty' } : { zh: `长度至少 ${p.limit}`, en: `must be at least ${p.limit} characters` };
    case 'maxLength':
      return { zh: `长度不能超过 ${p.limit}`, en: `must be at most ${p.limit} characters` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { zh: `应 ${p.comparison} ${p.limit}`, en: `must be ${p.comparison} ${p.limit}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { zh: `应 ${p.comparison} ${p.limit}`, en: `must be ${p.comparison} ${p.limit}` };
    case 'minItems':
      return { zh: `至少 ${p.limit} 项`, en: `must have at least ${p.limit} items` };
    case 'maxItems':
      return { zh: `最多 ${p.limit} 项`, en: `must have at most ${p.limit} items` };
    case 'pattern':
      return { zh: '格式不正确', en: 'has an invalid format' };
    case 'format':
      return { zh: `应为 ${p.format} 格式`, en: `must be a valid ${p.format}` };
    case 'const':
    case 'enum':
    case 'anyOf':
      return { zh: '取值不在允许范围内', en: 'is not one of the allowed values' };
    default:
      return { zh: '取值无效', en: 'is invalid' };
  }
}

const PART_ZH: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function validationError(errors: ErrorObject[], part: string): DomainError {
  // anyOf over literals reports each branch; the last error is the summary for the field.
  const e = errors.find((x) => x.keyword !== 'const') ?? errors[0]!;
  const field = fieldOf(e, part);
  const d = describe(e);
  return new DomainError(400, 'invalid_field', { zh: `${PART_ZH[part] ?? part}字段 ${field} ${d.zh}`, en: `Field ${field} ${d.en}` }, field);
}
