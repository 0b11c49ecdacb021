/**
 * 天网: devices and event types for administrators, the signed intake of detections (a device signs the raw body,
 * so these two routes keep it: a JSON parser of their own scope hands the text to the use case beside the parsed
 * body), a device's snapshot (the image as the body, signed over its SHA-256), the detections waiting for an
 * operator's review, and an order's detections (关联事件).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deviceRoutes as routes, MAX_FILE_BYTES } from '@liandong/contracts';
import { createDevice, deactivateDevice, listDevices, listEventTypes, rotateDeviceSecret, updateDevice, updateEventType } from '@liandong/core/devices/manage-devices.ts';
import { forgetDevices, forgetEventTypes, ingestEvent, ingestEventBatch, type SignedRequest } from '@liandong/core/devices/ingest-events.ts';
import { confirmDetection, dismissDetection, listDetections } from '@liandong/core/devices/review-detections.ts';
import { listOrderDetections } from '@liandong/core/devices/order-detections.ts';
import { uploadSnapshot } from '@liandong/core/devices/upload-snapshot.ts';
import { DomainError } from '@liandong/core/shared/errors.ts';
import { requireActor } from '../http/auth.ts';
import { adminContext } from '../http/admin-context.ts';
import { contractRoute } from '../http/contract-route.ts';
import { headerOf } from '../http/request-headers.ts';
import { wellFormedJson } from '../http/validation.ts';
import { requestLang } from '../http/lang.ts';
import type { Platform } from '../platform.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

/** The largest batch body (1,000 detections of a few hundred bytes each). */
const EVENT_BODY_LIMIT = 2 * 1024 * 1024;

const invalidJson = (zh: string, en: string) => new DomainError(400, 'invalid_json', { zh, en }, 'body');

function signed(req: FastifyRequest): SignedRequest {
  return { deviceId: headerOf(req, 'x-device-id'), timestamp: headerOf(req, 'x-timestamp'), signature: headerOf(req, 'x-signature'), rawBody: req.rawBody ?? '' };
}

export function deviceRoutes(app: FastifyInstance, p: Platform): void {
  const ctx = (req: FastifyRequest) => ({ ...adminContext(p, req), territory: p.services.territory });
  contractRoute(app, routes.listDevices, async (req) => listDevices(p.db, requireActor(req), req.query));
  contractRoute(app, routes.createDevice, async (req, reply) => {
    const created = await createDevice(p.db, requireActor(req), req.body, ctx(req));
    reply.status(201);
    return created;
  });
  // A change of a device is seen by this process's intake at once (others re-check the device in their transaction).
  const forgetting = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      forgetDevices(p.db);
    }
  };
  contractRoute(app, routes.updateDevice, async (req) => forgetting(updateDevice(p.db, requireActor(req), req.params.id, req.body, ctx(req))));
  contractRoute(app, routes.deactivateDevice, async (req) => forgetting(deactivateDevice(p.db, requireActor(req), req.params.id, ctx(req))));
  contractRoute(app, routes.rotateDeviceSecret, async (req) => forgetting(rotateDeviceSecret(p.db, requireActor(req), req.params.id, adminContext(p, req))));
  contractRoute(app, routes.listEventTypes, async (req) => listEventTypes(p.db, requireActor(req)));
  contractRoute(app, routes.updateEventType, async (req) => {
    const updated = await updateEventType(p.db, requireActor(req), req.params.code, req.body, adminContext(p, req));
    forgetEventTypes();
    return updated;
  });

  app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: EVENT_BODY_LIMIT }, (req, body, done) => {
      const text = body as string;
      req.rawBody = text;
      if (text.trim() === '') return done(invalidJson('请求体为空', 'The request body is empty'), undefined);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return done(invalidJson('请求体不是有效的 JSON', 'The request body is not valid JSON'), undefined);
      }
      wellFormedJson(text, parsed);
      done(null, parsed);
    });
    const ingest = () => ({ now: p.clock(), services: p.services });
    contractRoute(scope, routes.postEvent, async (req) => ingestEvent(p.db, signed(req), req.body, ingest()), { bodyLimit: EVENT_BODY_LIMIT });
    contractRoute(scope, routes.postEventBatch, async (req) => ingestEventBatch(p.db, signed(req), req.body, ingest()), { bodyLimit: EVENT_BODY_LIMIT });
  });

  // A snapshot: the raw image, signed over its SHA-256 (the body is not JSON).
  app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    contractRoute(
      scope,
      routes.uploadSnapshot,
      async (req, reply) => {
        const { rawBody: _raw, ...headers } = signed(req);
        const snapshot = await uploadSnapshot(p.db, p.files, { ...headers, contentType: headerOf(req, 'content-type') ?? null, data: req.body as unknown as Buffer }, p.clock());
        reply.status(201);
        return snapshot;
      },
      { bodyLimit: MAX_FILE_BYTES },
    );
  });

  contractRoute(app, routes.listDetections, async (req) => listDetections(p.db, requireActor(req), req.query, requestLang(req)));
  contractRoute(app, routes.confirmDetection, async (req) =>
    confirmDetection(p.db, requireActor(req), req.params.id, { now: p.clock(), services: p.services, lang: requestLang(req) }),
  );
  contractRoute(app, routes.dismissDetection, async (req) => dismissDetection(p.db, requireActor(req), req.params.id, p.clock(), requestLang(req)));
  contractRoute(app, routes.listOrderDetections, async (req) => listOrderDetections(p.db, requireActor(req), req.params.id, req.query, requestLang(req)));
}
