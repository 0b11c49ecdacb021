/**
 * POST requests: a service request posted by an Open311 client becomes a work order through the intake every
 * channel uses (createOrder), on the `open311` channel, registered by the user of the integration token given as
 * api_key. The answer is synchronous: the order number is the service_request_id (no token to poll).
 *
 * Retries: the client's Idempotency-Key header when it sends one, else a key derived from the request's fields
 * (georeport.rules.ts derivedIdempotencyKey), so posting the same request again answers the first order.
 */
import type { Db } from '@liandong/db';
import { authenticate } from '../auth/authenticate.ts';
import { createOrder } from '../orders/create-order.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { checkJurisdiction } from './georeport-services.ts';
import { derivedIdempotencyKey, intakeInputOf, invalid, invalidApiKey, missing, type ServiceRequestForm } from './georeport.rules.ts';
import { serviceConditions, serviceRow } from './georeport.repository.ts';

export interface SubmittedServiceRequest {
  replayed: boolean;
  answer: { service_request_id: string; service_notice: string | null; account_id: string | null };
}

export async function submitServiceRequest(
  db: Db,
  form: ServiceRequestForm,
  request: { idempotencyKey?: string; lang: 'zh' | 'en' },
  services: OrderServices,
): Promise<SubmittedServiceRequest> {
  if (!form.api_key) throw missing('api_key');
  // Only integration tokens: a person's session secret is not an api_key.
  const actor = form.api_key.startsWith('ldt_') ? await authenticate(db, form.api_key, services.clock) : null;
  if (!actor) throw invalidApiKey();
  await checkJurisdiction(db, form.jurisdiction_id);
  if (!form.service_code) throw missing('service_code');
  const service = await serviceRow(db, form.service_code);
  if (!service) throw invalid('service_code', `服务 ${form.service_code} 不存在`, `service ${form.service_code} does not exist`);
  const conditions = await serviceConditions(db, service.code);
  const input = intakeInputOf(form, { code: service.code, name: service.name, conditionCodes: conditions.map((c) => c.code) });
  const key = request.idempotencyKey ?? derivedIdempotencyKey(form);
  const r = await createOrder(db, actor, input, key, services);
  return {
    replayed: r.replayed,
    answer: {
      service_request_id: r.order.code,
      service_notice: request.lang === 'en' ? 'Registered; the command centre will accept it within its time limit' : '已登记，指挥中心将在受理时限内受理',
      account_id: null,
    },
  };
}
