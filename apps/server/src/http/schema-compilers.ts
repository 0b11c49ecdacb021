/**
 * Schema compilers shared by every app this process builds. Compiling a route's schemas is the costly part of
 * serving it the first time (fast-json-stringify code generation, Ajv for its anyOf branches and for request
 * validation): every app of the process has the same routes from the same contracts, so each schema is compiled
 * once per process, not once per app — a test run builds hundreds of apps in a few workers.
 *
 * Serializers are also compiled lazily, on their route's first answer: a start does not pay for all 75 routes,
 * and a route never called costs nothing.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import ValidatorSelector from '@fastify/ajv-compiler';

interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
  httpStatus: string;
}
type Serialize = (data: unknown) => string;
type Compile = (route: RouteSchema) => Serialize;

/**
 * Compiled serializers of this process, by schema text and shared schemas: the route and status do not change
 * the code, so the ~40 routes answering an order detail share one serializer.
 */
const serializers = new Map<string, Serialize>();

export function lazySerializers() {
  const select = SerializerSelector() as unknown as (external: unknown, options: unknown) => Compile;
  return (external: unknown, options: unknown): Compile => {
    const compile = select(external, options);
    const externals = JSON.stringify(external) + JSON.stringify(options);
    return (route) => {
      let serialize: Serialize | null = null;
      return (data) => (serialize ??= compiledOnce(route, externals, compile))(data);
    };
  };
}

function compiledOnce(route: RouteSchema, externals: string, compile: Compile): Serialize {
  const key = `${JSON.stringify(route.schema)} ${externals}`;
  let serialize = serializers.get(key);
  if (!serialize) serializers.set(key, (serialize = compile(route)));
  return serialize;
}

/**
 * Request validators: Fastify's own Ajv compiler, but one pool for the process (Fastify makes a fresh one per app).
 * The pool keeps one Ajv per set of shared schemas and options, and Ajv reuses what it compiled for a schema object.
 */
export const sharedValidators = (ValidatorSelector as unknown as () => unknown)();
