/**
 * The OpenAPI document is generated from the contracts: every route of the registry is in it, every 2xx has a
 * schema, no answer object is open; and TypeScript types generated from the document by openapi-typescript
 * agree with the contracts' own static types (what the web apps' ApiClient is typed by), route by route.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, type RouteContract } from '@liandong/contracts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let doc: {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
};
beforeAll(async () => {
  s = await startTestServer();
  doc = (await s.anonymous.request('GET', '/api/openapi.json')).body;
});
afterAll(() => s?.close());

const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');
const routes = Object.entries(apiRoutes) as [string, RouteContract][];

/** Paths (in the schema) of objects that let undeclared fields through. */
function openObjects(schema: unknown, at = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  // OpenAPI 3.0 has no null type: @fastify/swagger writes null as { type: 'object', nullable: true, enum: [null] }.
  const isNull = Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null;
  // Only `type: 'object'` marks an object schema: a map of properties may itself hold a field named `properties`.
  const here = isNull ? [] : s.type === 'object' ? (s.additionalProperties === false || (typeof s.additionalProperties === 'object' && s.additionalProperties !== null) ? [] : [at || '/']) : [];
  return [...here, ...Object.entries(s).flatMap(([k, v]) => (typeof v === 'object' ? openObjects(v, `${at}/${k}`) : []))];
}

/** A shared answer is written once under components.schemas and referred to. */
function resolve(schema: unknown): unknown {
  const ref = (schema as { $ref?: string }).$ref;
  return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : schema;
}

describe('the OpenAPI document', () => {
  it('has exactly the routes of the contracts, each with a schema for every 2xx and no open answer object', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(routes.map(([, r]) => `${r.method} ${openApiPath(r.path)}`).sort());
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['ApiError', 'OrderDetail', 'OrderPage', 'OrderView']);
    for (const [name, r] of routes) {
      const op = doc.paths[openApiPath(r.path)]![r.method.toLowerCase()]!;
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, `${name} declares a 2xx`).toBeGreaterThan(0);
      for (const [status, answer] of Object.entries(op.responses)) {
        const content = Object.values(answer.content ?? {});
        expect(content.length, `${name} ${status} has a schema`).toBe(1);
        expect(openObjects(resolve(content[0]!.schema)), `${name} ${status}: open objects`).toEqual([]);
      }
    }
  });

  it('closes every query string: an unknown filter is refused, never ignored', () => {
    const withQuery = routes.filter(([, r]) => r.querystring);
    expect(withQuery.length).toBeGreaterThan(8);
    for (const [name, r] of withQuery) expect((r.querystring as { additionalProperties?: unknown }).additionalProperties, name).toBe(false);
  });

  it('generates types that agree with the contracts, answer by answer and body by body', async () => {
    const dir = join(import.meta.dirname, '.generated');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'openapi.ts'), astToString(await openapiTS(doc as never)));
    const checks: string[] = [];
    for (const [name, r] of routes) {
      const op = `paths['${openApiPath(r.path)}']['${r.method.toLowerCase()}']`;
      for (const status of Object.keys(r.response)) {
        const wire = r.binary ? 'string' : `${op}['responses'][${status}]['content']['application/json']`;
        if (!r.binary) checks.push(`check<Same<ResponseAt<ApiRoutes['${name}'], ${status}>, ${wire}>>('${name} ${status}');`);
      }
      if (r.body) checks.push(`check<Same<BodyOf<ApiRoutes['${name}']>, NonNullable<${op}['requestBody']>['content']['application/json']>>('${name} body');`);
    }
    writeFileSync(
      join(dir, 'check.ts'),
      [
        `import type { paths } from './openapi.ts';`,
        `import type { ApiRoutes, BodyOf, ResponseAt } from '@liandong/contracts';`,
        `import { ApiClient } from '@liandong/contracts';`,
        `type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;`,
        `declare function check<T extends true>(what: string): void;`,
        ...checks,
        `// The web-facing client hands out exactly what the document promises.`,
        `export async function useClient(c: ApiClient): Promise<void> {`,
        `  const r = await c.call('orders.getOrder', { params: { id: 1 } });`,
        `  if (r.ok) { const wire: paths['/api/v1/orders/{id}']['get']['responses'][200]['content']['application/json'] = r.data; void wire; }`,
        `}`,
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['check.ts', 'openapi.ts'] }),
    );
    const tsc = join(import.meta.dirname, '../../../node_modules/typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]).then(
      () => ({ ok: true, out: '' }),
      (e: { stdout?: string }) => ({ ok: false, out: e.stdout ?? String(e) }),
    );
    expect(run.out).toBe('');
    expect(checks.length).toBeGreaterThan(routes.length);
  }, 120_000);
});
