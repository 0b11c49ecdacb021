/**
 * The citizen portal (群众随手拍, /portal/): anyone reports with photos and a place, anonymously if he likes, and
 * follows his report by its tracking code (查询码) — the order's public timeline: its steps and the public replies,
 * never a staff member's name, another person's data or a photo's EXIF. Before reporting he is shown the public
 * reports of the same kind nearby and may add himself to one (我也遇到) instead. No account: the tracking code is
 * the key; every route is rate-limited per address.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj } from './common.ts';
import { FileId } from './files.ts';
import { LocationSchema } from './orders.ts';
import { route } from './route.ts';
import { BUILT_IN_NATURES, literals, SATISFACTIONS, STATE_CODES } from './vocabulary.ts';

/** A tracking code (查询码): 'Q' and ten letters or digits, random, never derived from the order number. */
export const TrackingCode = Type.String({ pattern: '^Q[0-9A-HJKMNP-TV-Z]{10}$', description: 'tracking code (查询码), e.g. Q7K2M9XD4TB' });
export const TrackingParams = Type.Object({ code: TrackingCode });

/** The natures a citizen may choose (诉求类型). */
export const PORTAL_NATURES = BUILT_IN_NATURES.filter((n) => n !== 'praise' && n !== 'report');

const Reporter = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 60 })),
    phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'a mobile number for the callback (回访); optional' })),
    anonymous: Type.Optional(Type.Boolean({ description: 'keep my name and number from the handling departments' })),
  },
  { additionalProperties: false },
);

export const PublicReportBody = Type.Object(
  {
    nature: literals(PORTAL_NATURES, { description: '诉求类型' }),
    categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'the class chosen, if any (a simple choice among the common ones)' })),
    description: Type.String({ minLength: 5, maxLength: 2000, description: 'what happened, where (5–2000 characters)' }),
    location: LocationSchema,
    address: Type.Optional(Type.String({ maxLength: 200 })),
    reporter: Type.Optional(Reporter),
    photos: Type.Optional(Type.Array(FileId, { maxItems: 6, uniqueItems: true, description: 'ids from POST /api/v1/public/photos' })),
  },
  { additionalProperties: false },
);
export type PublicReportInput = Static<typeof PublicReportBody>;

export const MeTooBody = Type.Object(
  {
    description: Type.Optional(Type.String({ maxLength: 1000, description: 'what I saw, if anything to add' })),
    reporter: Type.Optional(Reporter),
  },
  { additionalProperties: false },
);
export type MeTooInput = Static<typeof MeTooBody>;

/** The answer to a report or a "me too": how to follow it. */
export const ReportReceiptSchema = Obj({
  trackingCode: TrackingCode,
  orderCode: Type.String(),
  /** The portal page that follows it. */
  trackUrl: Type.String(),
  /** A call-back will come (a number was given and the order will be called back). */
  callback: Type.Boolean(),
});
export type ReportReceipt = Static<typeof ReportReceiptSchema>;

/** A photo uploaded by a citizen: its id to name in a report. */
export const PublicPhotoSchema = Obj({ id: FileId, width: Nullable(Type.Integer()), height: Nullable(Type.Integer()) });

/** One step of the public timeline: what happened and when, no person; a public reply where there is one. */
export const PublicStepSchema = Obj({
  at: DateTime,
  label: Type.String({ description: 'the step in the reader’s language, e.g. 已受理, 已派遣至责任单位, 处置完毕' }),
  unit: Nullable(Type.String({ description: 'the responsible department (a unit, never a person)' })),
  reply: Nullable(Type.String({ description: 'the public reply at this step (答复, 处置结果), phone numbers masked' })),
});

export const PublicReportSchema = Obj({
  trackingCode: TrackingCode,
  orderCode: Type.String(),
  state: Obj({ code: literals(STATE_CODES), label: Type.String() }),
  finished: Type.Boolean({ description: 'closed, not accepted, merged or voided' }),
  nature: Type.String(),
  category: Nullable(Type.String()),
  description: Type.String({ description: 'as reported, phone numbers masked' }),
  address: Nullable(Type.String()),
  location: Obj({ lng: Type.Number(), lat: Type.Number() }, 'rounded to about 10 m'),
  reportedAt: DateTime,
  closedAt: Nullable(DateTime),
  /** How many people reported it (我也遇到 included). */
  reporters: Type.Integer(),
  photos: Type.Array(Obj({ id: FileId, url: Type.String({ description: 'the photo without its EXIF (display form)' }) })),
  steps: Type.Array(PublicStepSchema),
  satisfaction: Nullable(literals(SATISFACTIONS)),
});
export type PublicReport = Static<typeof PublicReportSchema>;

export const NearbyQuery = Obj({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(LocationSchema.properties.crs),
  categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  text: Type.Optional(Type.String({ maxLength: 500 })),
});

/** A public report near the citizen's point that may be the same matter (duplicate detection, public view). */
export const NearbyReportSchema = Obj({
  trackingCode: TrackingCode,
  category: Nullable(Type.String()),
  description: Type.String({ description: 'the first 80 characters, phone numbers masked' }),
  distanceM: Type.Integer(),
  ageHours: Type.Number(),
  state: Type.String({ description: 'its state, in the reader’s language' }),
  reporters: Type.Integer(),
  photoUrl: Nullable(Type.String()),
  score: Type.Number({ description: 'how likely the same matter, 0–1 (the duplicate ranking)' }),
});
export const NearbyReportsSchema = Obj({ items: Type.Array(NearbyReportSchema) });
export type NearbyReport = Static<typeof NearbyReportSchema>;

/** A class a citizen may pick (a simple choice: the ones most reported lately, the dispatcher classifies the rest). */
export const PublicCategorySchema = Obj({ code: Type.String(), name: Type.String() });
export const PUBLIC_CATEGORY_COUNT = 8;

export const portalRoutes = {
  categories: route({
    method: 'GET',
    path: '/api/v1/public/categories',
    tags: ['public'],
    summary: `常见问题 The ${PUBLIC_CATEGORY_COUNT} event classes reported most in the last 90 days, for a citizen's simple choice`,
    response: { 200: Type.Array(PublicCategorySchema) },
    public: true,
  }),
  uploadPhoto: route({
    method: 'POST',
    path: '/api/v1/public/photos',
    tags: ['public'],
    summary: '上传照片 A citizen’s photo as the raw request body (images only, checked by their bytes; EXIF never shown publicly)',
    response: { 201: PublicPhotoSchema },
    public: true,
  }),
  report: route({
    method: 'POST',
    path: '/api/v1/public/reports',
    tags: ['public'],
    summary: '随手拍 A citizen’s report, anonymous if he likes; answers its tracking code. Idempotency-Key required',
    headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'required, 16–200 visible ASCII characters (a UUID); a retry with the same body answers the first report' })) }),
    body: PublicReportBody,
    response: { 201: ReportReceiptSchema, 200: ReportReceiptSchema },
    public: true,
  }),
  nearby: route({
    method: 'GET',
    path: '/api/v1/public/reports/nearby',
    tags: ['public'],
    summary: '附近同类 Public reports near a point that may be the same matter, before reporting',
    querystring: NearbyQuery,
    response: { 200: NearbyReportsSchema },
    public: true,
  }),
  track: route({
    method: 'GET',
    path: '/api/v1/public/reports/:code',
    tags: ['public'],
    summary: '进度查询 A report’s public timeline by its tracking code',
    params: TrackingParams,
    response: { 200: PublicReportSchema },
    public: true,
  }),
  meToo: route({
    method: 'POST',
    path: '/api/v1/public/reports/:code/me-too',
    tags: ['public'],
    summary: '我也遇到 Add yourself to a public report instead of reporting again (called back too when you give a number)',
    params: TrackingParams,
    headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'required, 16–200 visible ASCII characters (a UUID); a retry adds you once' })) }),
    body: MeTooBody,
    response: { 200: ReportReceiptSchema },
    public: true,
  }),
  reportPhoto: route({
    method: 'GET',
    path: '/api/v1/public/reports/:code/photos/:fileId',
    tags: ['public'],
    summary: '照片 A photo of a report, without its EXIF (display form)',
    params: Type.Object({ code: TrackingCode, fileId: FileId }),
    response: { 200: Type.String({ format: 'binary', description: 'the photo, JPEG' }) },
    binary: true,
    public: true,
  }),
};
