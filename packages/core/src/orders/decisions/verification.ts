/**
 * 派核实 and 核实: before accepting a report it cannot judge from the desk, the centre sends it to the grid's
 * worker, who goes to the spot and confirms it (with photos and where he stood) or refutes it. A confirmed
 * report comes back to the centre to accept; a refuted one ends as not accepted (不予受理). The verify step has
 * its own clock: on-time verification (按时核实率) is one of the grid worker's KPIs.
 */
import { unprocessable } from '../../shared/errors.ts';
import type { Decide } from './decision.types.ts';
import { world } from './asks.ts';
import { siteOf } from './site.ts';

/**
 * 派核实: the centre's first decision ends the accept clock (sent on time or not: 核实按时派发率); the verify clock
 * starts. The grid's village station is told in its inbox.
 */
export const sendToVerify: Decide<'send-to-verify'> = function* ({ order, body }) {
  const station = yield* world.station(order.village_code);
  return {
    to: 'pending_verify',
    patch: {},
    note: body.note,
    data: station ? { unitId: station.id, unitName: station.name } : {},
    effects: [
      { effect: 'complete', steps: ['accept'] },
      { effect: 'start', steps: ['verify'] },
      ...(station
        ? [
            {
              effect: 'notify' as const,
              template: 'order.verify' as const,
              vars: { orderCode: order.code, unitName: station.name, address: order.address ?? '', note: body.note ?? '' },
              unitId: station.id,
            },
          ]
        : []),
    ],
  };
};

/** 核实: confirmed → back to the centre, whose accept clock starts again; refuted → not accepted, the report ends. */
export const verify: Decide<'verify'> = function* ({ order, body, now }) {
  if (body.confirmed && !body.attachments?.length) {
    throw unprocessable('attachments', '确认属实须附现场照片', 'A confirmation needs at least one photo taken on site');
  }
  if (body.confirmed && !body.location) throw unprocessable('location', '确认属实须提供核实位置', 'A confirmation needs the location it was made at');
  const data = { confirmed: body.confirmed, ...siteOf(body.location) };
  const counted = { verification_count: order.verification_count + 1 };
  if (!body.confirmed) {
    return {
      to: 'rejected',
      patch: { ...counted, closed_at: now },
      note: body.note,
      data,
      attachmentIds: body.attachments,
      effects: [
        { effect: 'complete', steps: ['verify'] },
        { effect: 'tellReporters', template: 'citizen.rejected', vars: { orderCode: order.code, reason: `经网格员现场核实：${body.note}` } },
      ],
    };
  }
  return {
    to: 'pending_accept',
    patch: counted,
    note: body.note,
    data,
    attachmentIds: body.attachments,
    effects: [
      { effect: 'complete', steps: ['verify'] },
      { effect: 'start', steps: ['accept'] },
    ],
  };
};
