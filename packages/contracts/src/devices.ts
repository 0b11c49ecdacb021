/**
 * Video and IoT events (天网): devices (设备: cameras and sensors) registered by administrators, each with its
 * own HMAC secret; the types of detection (事件类型) and what each becomes; the signed intake of detections
 * (one, or a batch of one device); and the detections that wait for an operator (待审核).
 *
 * A device signs each request: `X-Device-Id` (its code), `X-Timestamp` (unix seconds or RFC 3339, within five
 * minutes of the server's clock) and `X-Signature` = hex HMAC-SHA256 over `${X-Timestamp}\n${raw body}` keyed
 * with the device's secret (the secret's text as UTF-8). A batch is one device's: the body names the device once.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj, OrderRefParams, PagingFields, PageOf } from './common.ts';
import { FileId } from './files.ts';
import { route } from './route.ts';
import { CRS_CODES, literals } from './vocabulary.ts';

export const DEVICE_KINDS = ['camera', 'sensor'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** What became of one detection. */
export const EVENT_OUTCOMES = ['created', 'folded', 'review', 'dismissed', 'below_threshold', 'duplicate'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** A fold's status: it made an order, waits for review, or was dismissed. */
export const FOLD_STATUSES = ['order', 'pending', 'dismissed'] as const;

/** Most detections one batch may carry. */
export const MAX_EVENT_BATCH = 1_000;

const Point = Type.Object(
  {
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    crs: Type.Optional(literals(CRS_CODES, { description: 'default wgs84; gcj02 and bd09 are converted' })),
  },
  { additionalProperties: false },
);
const DeviceCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$', description: 'the device’s code (its X-Device-Id)' });

export const DeviceSchema = Obj({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: literals(DEVICE_KINDS),
  location: Obj({ lng: Type.Number(), lat: Type.Number() }, 'WGS-84'),
  gridCode: Nullable(Type.String({ description: 'its basic grid' })),
  townCode: Nullable(Type.String({ description: 'its town: detections elsewhere are refused' })),
  place: Type.String({ description: 'its town, village and grid by name (镇 / 村 / 网格)' }),
  active: Type.Boolean(),
  createdAt: DateTime,
  secretRotatedAt: Nullable(DateTime),
  lastDetectionAt: Nullable(Type.String({ format: 'date-time', description: 'when its latest detection was seen (none yet: null)' })),
});
export type DeviceView = Static<typeof DeviceSchema>;

export const DeviceWithSecret = Obj({
  device: DeviceSchema,
  secret: Type.String({ description: 'the HMAC key: shown this once, never again (rotate to get a new one)' }),
});

export const DeviceCreateBody = Type.Object(
  {
    code: DeviceCode,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: literals(DEVICE_KINDS),
    location: Point,
  },
  { additionalProperties: false },
);
export type DeviceCreate = Static<typeof DeviceCreateBody>;

export const DevicePatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    kind: Type.Optional(literals(DEVICE_KINDS)),
    location: Type.Optional(Point),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DevicePatch = Static<typeof DevicePatchBody>;

export const DeviceListQuery = Type.Object(
  {
    ...PagingFields,
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'part of the code or name' })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const EventTypeSchema = Obj({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  categoryCode: Nullable(Type.String()),
  threshold: Type.Number({ description: 'confidence below it: stored, no order' }),
  foldRadiusM: Type.Integer({ description: 'metres from a fold’s first detection' }),
  foldWindowMinutes: Type.Integer({ description: 'minutes after a fold’s last detection' }),
  review: Type.Boolean({ description: 'an operator confirms before it becomes an order' }),
  active: Type.Boolean(),
});
export type EventTypeView = Static<typeof EventTypeSchema>;

export const EventTypePatchBody = Type.Object(
  {
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    categoryCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20 }))),
    threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    foldRadiusM: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    foldWindowMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10080 })),
    review: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type EventTypePatch = Static<typeof EventTypePatchBody>;

const EventFields = {
  eventId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$', description: 'the device’s own id of the detection: a replay is ignored' }),
  type: Type.String({ minLength: 1, maxLength: 40, description: 'event type code, e.g. illegal_parking' }),
  detectedAt: Type.String({ format: 'date-time' }),
  location: Type.Optional({ ...Point, description: 'where it was seen; default the device’s own point' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  snapshot: Type.Optional(Type.String({ format: 'uuid', description: 'the id of an uploaded snapshot (a file)' })),
};

export const EventBody = Type.Object({ device: DeviceCode, ...EventFields }, { additionalProperties: false });
export type EventInput = Static<typeof EventBody>;

export const EventBatchBody = Type.Object(
  {
    device: DeviceCode,
    events: Type.Array(Type.Object(EventFields, { additionalProperties: false }), { minItems: 1, maxItems: MAX_EVENT_BATCH }),
  },
  { additionalProperties: false },
);
export type EventBatchInput = Static<typeof EventBatchBody>;

export const EventReceiptSchema = Obj({
  eventId: Type.String(),
  outcome: literals(EVENT_OUTCOMES, {
    description: 'created: a new order; folded: joined an open order; review: waits for an operator; dismissed: its spot was dismissed; below_threshold: stored only; duplicate: received before, ignored',
  }),
  detectionId: Nullable(Type.Integer({ description: 'the fold it joined' })),
  orderId: Nullable(Type.Integer()),
});
export type EventReceipt = Static<typeof EventReceiptSchema>;

export const EventBatchReceiptSchema = Obj({
  received: Type.Integer(),
  stored: Type.Integer({ description: 'new detections stored' }),
  duplicates: Type.Integer(),
  ordersCreated: Type.Integer(),
  items: Type.Array(EventReceiptSchema),
});
export type EventBatchReceipt = Static<typeof EventBatchReceiptSchema>;

const SignedHeaders = Type.Object({
  'x-device-id': Type.Optional(Type.String({ description: 'the device’s code' })),
  'x-timestamp': Type.Optional(Type.String({ description: 'unix seconds or RFC 3339; within 5 minutes of the server' })),
  'x-signature': Type.Optional(Type.String({ description: 'hex HMAC-SHA256 of `${X-Timestamp}\\n${body}` with the device’s secret' })),
});

export const DetectionSchema = Obj({
  id: Type.Integer(),
  type: Obj({ code: Type.String(), name: Type.String() }),
  status: literals(FOLD_STATUSES),
  location: Obj({ lng: Type.Number(), lat: Type.Number() }),
  gridCode: Nullable(Type.String()),
  townCode: Nullable(Type.String()),
  place: Type.String({ description: 'its town, village and grid by name (镇 / 村 / 网格)' }),
  device: Obj({ code: Type.String(), name: Type.String() }, 'the device of its first detection'),
  firstAt: DateTime,
  lastAt: DateTime,
  eventCount: Type.Integer(),
  maxConfidence: Type.Number(),
  orderId: Nullable(Type.Integer()),
  reviewedAt: Nullable(DateTime),
  snapshot: Nullable({ ...FileId, description: 'the snapshot of its latest detection that has one (GET /api/v1/files/{id})' }),
});
export type DetectionView = Static<typeof DetectionSchema>;

export const DetectionListQuery = Type.Object(
  {
    ...PagingFields,
    status: Type.Optional(literals(FOLD_STATUSES, { description: 'default pending' })),
  },
  { additionalProperties: false },
);

/** One detection of an order's fold, as the order's readers see it. */
export const OrderDetectionSchema = Obj({
  id: Type.Integer(),
  eventId: Type.String({ description: 'the device’s own id of it' }),
  device: Obj({ code: Type.String(), name: Type.String() }),
  detectedAt: DateTime,
  receivedAt: DateTime,
  location: Obj({ lng: Type.Number(), lat: Type.Number() }, 'WGS-84'),
  gridCode: Nullable(Type.String()),
  confidence: Type.Number(),
  snapshot: Nullable({ ...FileId, description: 'its snapshot, readable as the order’s files are (GET /api/v1/files/{id})' }),
});
export type OrderDetectionView = Static<typeof OrderDetectionSchema>;

/** 关联事件: the detections an order was made from (its fold), a page of them newest first, with the fold's figures. */
export const OrderDetectionsSchema = Obj({
  detection: Nullable({ ...DetectionSchema, description: 'the fold the order was made from; null: the order was not made from detections' }),
  devices: Type.Array(Obj({ code: Type.String(), name: Type.String(), kind: literals(DEVICE_KINDS), count: Type.Integer({ description: 'its detections in the fold' }) })),
  total: Type.Integer({ description: 'detections in the fold' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(OrderDetectionSchema),
});
export type OrderDetections = Static<typeof OrderDetectionsSchema>;

/** A snapshot a device uploaded: its id, for the `snapshot` of its detections. */
export const SnapshotSchema = Obj({
  id: FileId,
  contentType: Type.String(),
  size: Type.Integer(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
});
export type SnapshotView = Static<typeof SnapshotSchema>;

export const deviceRoutes = {
  listDevices: route({
    method: 'GET',
    path: '/api/v1/admin/devices',
    tags: ['devices'],
    summary: '设备列表 Cameras and sensors (administrators); secrets are never shown',
    querystring: DeviceListQuery,
    response: { 200: PageOf(DeviceSchema) },
  }),
  createDevice: route({
    method: 'POST',
    path: '/api/v1/admin/devices',
    tags: ['devices'],
    summary: '注册设备 Register a camera or sensor (administrators); the answer shows its secret once',
    body: DeviceCreateBody,
    response: { 201: DeviceWithSecret },
  }),
  updateDevice: route({
    method: 'PATCH',
    path: '/api/v1/admin/devices/:id',
    tags: ['devices'],
    summary: '修改设备 Change a device’s name, kind, place (its grid looked up again) or activity',
    params: IdParams,
    body: DevicePatchBody,
    response: { 200: DeviceSchema },
  }),
  deactivateDevice: route({
    method: 'POST',
    path: '/api/v1/admin/devices/:id/deactivate',
    tags: ['devices'],
    summary: '停用设备 Deactivate a device: its requests are refused from now on',
    params: IdParams,
    response: { 200: DeviceSchema },
  }),
  rotateDeviceSecret: route({
    method: 'POST',
    path: '/api/v1/admin/devices/:id/secret',
    tags: ['devices'],
    summary: '更换设备密钥 Rotate a device’s secret: the old one is refused at once; the new one is shown once',
    params: IdParams,
    response: { 200: DeviceWithSecret },
  }),
  listEventTypes: route({
    method: 'GET',
    path: '/api/v1/admin/event-types',
    tags: ['devices'],
    summary: '事件类型 The types of detection and what each becomes (threshold, fold radius and window, review)',
    response: { 200: Obj({ items: Type.Array(EventTypeSchema) }) },
  }),
  updateEventType: route({
    method: 'PATCH',
    path: '/api/v1/admin/event-types/:code',
    tags: ['devices'],
    summary: '修改事件类型 Change a type of detection (administrators)',
    params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
    body: EventTypePatchBody,
    response: { 200: EventTypeSchema },
  }),
  postEvent: route({
    method: 'POST',
    path: '/api/v1/events',
    tags: ['devices'],
    summary: '上报识别事件 One detection from a device, signed (X-Device-Id, X-Timestamp, X-Signature); a replay is answered as received',
    headers: SignedHeaders,
    body: EventBody,
    public: true,
    response: { 200: EventReceiptSchema },
  }),
  postEventBatch: route({
    method: 'POST',
    path: '/api/v1/events/batch',
    tags: ['devices'],
    summary: `批量上报识别事件 Up to ${MAX_EVENT_BATCH} detections of one device, signed once for the whole body`,
    headers: SignedHeaders,
    body: EventBatchBody,
    public: true,
    response: { 200: EventBatchReceiptSchema },
  }),
  uploadSnapshot: route({
    method: 'POST',
    path: '/api/v1/events/snapshots',
    tags: ['devices'],
    summary:
      '上传抓拍图 A device’s snapshot (an image) as the raw request body, signed: X-Signature = hex HMAC-SHA256 of `${X-Timestamp}\\n${hex SHA-256 of the body}`; name its id as a detection’s snapshot',
    headers: SignedHeaders,
    public: true,
    response: { 201: SnapshotSchema },
  }),
  listOrderDetections: route({
    method: 'GET',
    path: '/api/v1/orders/:id/detections',
    tags: ['devices'],
    summary: '关联事件 The detections an order was made from, newest first, with their count, span, devices and snapshots (whoever may read the order)',
    params: OrderRefParams,
    querystring: Type.Object({ ...PagingFields }, { additionalProperties: false }),
    response: { 200: OrderDetectionsSchema },
  }),
  listDetections: route({
    method: 'GET',
    path: '/api/v1/event-detections',
    tags: ['devices'],
    summary: '待审核识别事件 Detections of review types in the reader’s area (default: those waiting)',
    querystring: DetectionListQuery,
    response: { 200: PageOf(DetectionSchema) },
  }),
  confirmDetection: route({
    method: 'POST',
    path: '/api/v1/event-detections/:id/confirm',
    tags: ['devices'],
    summary: '确认识别事件 Confirm a waiting detection: it becomes a work order (channel video)',
    params: IdParams,
    response: { 200: DetectionSchema },
  }),
  dismissDetection: route({
    method: 'POST',
    path: '/api/v1/event-detections/:id/dismiss',
    tags: ['devices'],
    summary: '驳回识别事件 Dismiss a waiting detection: no order; later detections of the spot within the window join it',
    params: IdParams,
    response: { 200: DetectionSchema },
  }),
};
