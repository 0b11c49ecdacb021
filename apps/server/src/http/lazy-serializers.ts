/**
 * Answers are serialised by fast-json-stringify from each route's response schemas; compiling all of them
 * (75 routes, the order views among them) costs more than a second at every start. Each serializer is compiled
 * on its route's first answer instead: the start stays fast, and a route never called costs nothing.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Compile = (route: { schema: unknown; method: string; url: string; httpStatus: string }) => (data: unknown) => string;

export function lazySerializers() {
  const select = SerializerSelector() as unknown as (external: unknown, options: unknown) => Compile;
  return (external: unknown, options: unknown): Compile => {
    const compile = select(external, options);
    return (route) => {
      let serialize: ((data: unknown) => string) | null = null;
      return (data) => (serialize ??= compile(route))(data);
    };
  };
}
