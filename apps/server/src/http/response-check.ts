/**
 * Holds every answer to its contract, strictly, before it is serialised: no field the contract does not
 * declare, no Date where the wire has a string, no error code outside the closed set. The serialiser alone
 * would strip unknown fields and coerce types silently; with this check on (the test harness turns it on),
 * every test that calls the API also proves that the contracts say what the server sends.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { SHARED_SCHEMAS } from './contract-route.ts';

const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (ajv: Ajv) => Ajv;

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** One Ajv and its compiled checks for every app of the process: each app's schemas are new objects of the same text. */
let ajv: Ajv | undefined;
const byText = new Map<string, ValidateFunction>();

function checkerOf(schema: object): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: false, coerceTypes: false });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    for (const [shared, id] of SHARED_SCHEMAS) ajv.addSchema({ ...shared, $id: id });
  }
  const text = JSON.stringify(schema);
  let validate = byText.get(text);
  if (!validate) byText.set(text, (validate = ajv.compile(schema)));
  return validate;
}

export function installResponseCheck(app: FastifyInstance): void {
  const compiled = new WeakMap<object, ValidateFunction>();
  app.addHook('preSerialization', async (req, reply, payload) => {
    const responses = req.routeOptions.schema?.response as Record<string, object> | undefined;
    const schema = responses?.[String(reply.statusCode)];
    if (!schema) return payload;
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = checkerOf(schema)));
    if (!validate(payload)) {
      const where = `${req.method} ${req.routeOptions.url} → ${reply.statusCode}`;
      throw new ContractViolation(`answer of ${where} breaks its contract: ${ajv!.errorsText(validate.errors, { separator: '; ' })}`);
    }
    return payload;
  });
}
