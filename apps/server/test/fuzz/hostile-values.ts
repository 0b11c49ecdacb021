/**
 * The bounded set of hostile values the API fuzz test sends, and the requests built from an OpenAPI
 * operation with them: every path and query parameter and every body field (one level into nested
 * objects) replaced in turn by each hostile value, plus hostile raw bodies and headers. Deterministic:
 * the same document gives the same requests.
 */

/** What goes into a URL (path segment or query value), already as text. */
export const HOSTILE_TEXT: readonly string[] = [
  '',
  '0',
  '-1',
  '1.5',
  '1e309',
  'Infinity',
  '-Infinity',
  'NaN',
  '99999999999999999999999',
  '0x1F',
  "1' or '1'='1",
  '1;drop table orders',
  '%00',
  '%ED%A0%80', // a lone surrogate, UTF-8 encoded (invalid UTF-8)
  '%FF%FE',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  'x'.repeat(4000),
  '__proto__',
  'true',
];

/** A marker replaced, after JSON.stringify, by a literal JSON cannot otherwise carry. */
export const RAW_NUMBER = '\u0001raw:1e309\u0001';

/** What goes into a JSON body field. */
export const HOSTILE_JSON: readonly unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e308,
  RAW_NUMBER,
  9007199254740993,
  -9007199254740993,
  '',
  '   ',
  '\u0000',
  '\ud800', // lone surrogate
  'x'.repeat(100_000),
  '2026-13-45T99:99:99Z',
  "' or 1=1 --",
  [],
  [1, 'a', null],
  {},
  JSON.parse('{"__proto__": {"polluted": true}}'),
  nested(64),
];

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Whole bodies that are not what any JSON route expects. */
export const HOSTILE_BODIES: readonly { contentType: string; body: string }[] = [
  { contentType: 'application/json', body: 'not json' },
  { contentType: 'application/json', body: '' },
  { contentType: 'application/json', body: '{"a":' },
  { contentType: 'application/json', body: '[]' },
  { contentType: 'application/json', body: '"text"' },
  { contentType: 'application/json', body: 'null' },
  { contentType: 'application/json', body: '1e309' },
  { contentType: 'application/json', body: '['.repeat(20_000) + ']'.repeat(20_000) },
  { contentType: 'application/json', body: '{"constructor":{"prototype":{"polluted":true}}}' },
  { contentType: 'text/plain', body: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=2' },
  { contentType: 'application/json; charset=latin1', body: '{}' },
];

/** Header values sent on otherwise ordinary requests. */
export const HOSTILE_HEADERS: readonly Record<string, string>[] = [
  { 'accept-language': 'x'.repeat(3000) },
  { 'accept-language': '*;q=NaN' },
  { authorization: 'Bearer ' },
  { authorization: 'Bearer lds_' + 'A'.repeat(2000) },
  { authorization: 'Basic Og==' },
  { 'idempotency-key': ' ' },
  { 'idempotency-key': 'k'.repeat(5000) },
  { 'x-forwarded-for': '1.1.1.1, 999.999.999.999, ::ffff:127.0.0.1' },
];

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  minimum?: number;
  minLength?: number;
  default?: unknown;
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  bodySchema?: Schema;
}

/** A plausible value for a schema: what a careful client would send. */
export function plausible(schema: Schema | undefined, depth = 0): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch?.length) return plausible(branch.find((b) => b.type !== 'null') ?? branch[0], depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const name of schema.required ?? []) out[name] = plausible(schema.properties?.[name], depth + 1);
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') return '2026-12-01T08:00:00+08:00';
      if (schema.format === 'date') return '2026-12-01';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return 'x';
  }
}

export interface FuzzRequest {
  method: string;
  /** The path with its parameters filled in and the query string attached. */
  url: string;
  contentType?: string;
  body?: string;
  headers?: Record<string, string>;
  /** What this request varies, for the failure report. */
  what: string;
}

function stringify(body: unknown): string {
  return JSON.stringify(body).replaceAll(JSON.stringify(RAW_NUMBER), '1e309');
}

/** The paths of the body's fields, one level into nested objects: ['description', 'location.lng', …]. */
function fieldPaths(schema: Schema | undefined): string[][] {
  const out: string[][] = [];
  for (const [name, sub] of Object.entries(schema?.properties ?? {})) {
    out.push([name]);
    for (const inner of Object.keys(sub.properties ?? {})) out.push([name, inner]);
  }
  return out;
}

function withField(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, any>;
  let at = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key];
  }
  at[path.at(-1)!] = value;
  return copy;
}

/**
 * The requests for one operation. `pathValue` gives the plausible value of a path parameter (an id
 * that exists, say); the rest are made up from the schemas.
 */
export function requestsFor(op: Operation, pathValue: (name: string) => string): FuzzRequest[] {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const fill = (override?: { name: string; value: string }) =>
    op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
      override?.name === name ? encodeSegment(override.value) : encodeURIComponent(pathValue(name)),
    );
  const plainBody = op.bodySchema ? stringify(plausible(op.bodySchema)) : undefined;
  const json = plainBody !== undefined ? 'application/json' : undefined;
  const out: FuzzRequest[] = [];
  const base = { method: op.method, contentType: json, body: plainBody };
  for (const p of pathParams) {
    for (const v of HOSTILE_TEXT) out.push({ ...base, url: fill({ name: p.name, value: v }), what: `path ${p.name}=${short(v)}` });
  }
  for (const p of query) {
    for (const v of HOSTILE_TEXT) out.push({ ...base, url: `${fill()}?${p.name}=${encodeSegment(v)}`, what: `query ${p.name}=${short(v)}` });
    out.push({ ...base, url: `${fill()}?${p.name}=1&${p.name}=2`, what: `query ${p.name} twice` });
  }
  if (op.bodySchema) {
    const plain = plausible(op.bodySchema);
    for (const path of fieldPaths(op.bodySchema)) {
      for (const v of HOSTILE_JSON) {
        out.push({ ...base, url: fill(), body: stringify(withField(plain, path, v)), what: `body ${path.join('.')}=${short(v)}` });
      }
    }
    out.push({ ...base, url: fill(), body: stringify({ ...(plain as object), unexpectedField: 1 }), what: 'body with an unknown field' });
    for (const b of HOSTILE_BODIES) out.push({ ...base, url: fill(), contentType: b.contentType, body: b.body, what: `raw body ${short(b.body)} as ${b.contentType}` });
  }
  for (const h of HOSTILE_HEADERS) out.push({ ...base, url: fill(), headers: h, what: `header ${short(JSON.stringify(h))}` });
  return out;
}

/** Percent-encodes a value unless it is itself a percent-escape we mean to send raw. */
function encodeSegment(v: string): string {
  return /^(%[0-9A-F]{2})+$/i.test(v) ? v : encodeURIComponent(v);
}

function short(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…(${text.length})` : text;
}

/** The operations of an OpenAPI 3 document, with each JSON request body's schema. */
export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []) as Parameter[],
        bodySchema: op.requestBody?.content?.['application/json']?.schema as Schema | undefined,
      });
    }
  }
  return out;
}
