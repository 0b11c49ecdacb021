import { Type, type Static } from '@sinclair/typebox';
import { PagingFields, TimeUnitSchema } from './common.ts';

export const STATE_CODES = [
  'pending_accept',
  'pending_dispatch',
  'pending_sign',
  'handling',
  'pending_check',
  'pending_callback',
  'pending_close',
  'suspended',
  'closed',
  'rejected',
  'merged',
  'voided',
] as const;
export type StateCode = (typeof STATE_CODES)[number];

export const STEPS = ['accept', 'dispatch', 'sign', 'handle', 'check', 'callback'] as const;
export type Step = (typeof STEPS)[number];

export const SATISFACTIONS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, description });
const Note = Type.Optional(Type.String({ maxLength: 2000, description: 'remark written on the timeline' }));
const Reason = Text(2000, 'reason, required for this action');
/** A file's public id: a UUID, never guessable from another. */
export const FileId = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'file id (UUID)' });
const AttachmentIds = Type.Optional(
  Type.Array(FileId, { maxItems: 20, uniqueItems: true, description: 'ids of files you uploaded through POST /api/v1/files and not yet attached elsewhere' }),
);

export const LocationSchema = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(
    Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')], {
      description: 'coordinate system of the point; mobile locations in China are usually gcj02. Default wgs84',
    }),
  ),
});

export const CreateOrderBody = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 40, description: 'channel code, e.g. hotline, app, grid_patrol' }),
    nature: Type.String({ minLength: 1, maxLength: 40, description: 'request nature, e.g. complaint, help' }),
    description: Text(4000, 'what the reporter says'),
    location: LocationSchema,
    address: Type.Optional(Type.String({ maxLength: 300 })),
    categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    componentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    confidential: Type.Optional(Type.Boolean()),
    reporter: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 60 })),
          phone: Type.Optional(Type.String({ pattern: '^[0-9+\\-]{5,20}$', description: 'digits, + or -' })),
          anonymous: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    attachments: AttachmentIds,
  },
  { additionalProperties: false },
);
export type CreateOrderInput = Static<typeof CreateOrderBody>;

/** The body of each action, keyed by its kebab-case name in /orders/{id}/actions/{action}. */
export const ActionBodies = {
  accept: Type.Object({ categoryCode: Type.Optional(Type.String({ minLength: 1 })), note: Note }, { additionalProperties: false }),
  reject: Type.Object({ reason: Reason }, { additionalProperties: false }),
  classify: Type.Object(
    { categoryCode: Type.String({ minLength: 1 }), conditionCode: Type.Optional(Type.String({ minLength: 1 })), note: Note },
    { additionalProperties: false },
  ),
  dispatch: Type.Object(
    {
      unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'target unit; default: the catalogue routing' })),
      coUnitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })),
      note: Note,
    },
    { additionalProperties: false },
  ),
  redispatch: Type.Object(
    { unitId: Type.Integer({ minimum: 1 }), coUnitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })), reason: Reason },
    { additionalProperties: false },
  ),
  'add-co-handler': Type.Object({ unitId: Type.Integer({ minimum: 1 }), note: Note }, { additionalProperties: false }),
  sign: Type.Object({ note: Note }, { additionalProperties: false }),
  return: Type.Object({ reason: Reason }, { additionalProperties: false }),
  'request-extension': Type.Object(
    { value: Type.Number({ exclusiveMinimum: 0, maximum: 365 }), unit: TimeUnitSchema, reason: Reason },
    { additionalProperties: false },
  ),
  'approve-extension': Type.Object({ note: Note }, { additionalProperties: false }),
  'deny-extension': Type.Object({ reason: Reason }, { additionalProperties: false }),
  'request-suspension': Type.Object({ reason: Reason }, { additionalProperties: false }),
  suspend: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
  'deny-suspension': Type.Object({ reason: Reason }, { additionalProperties: false }),
  resume: Type.Object({ note: Note }, { additionalProperties: false }),
  'request-void': Type.Object({ reason: Reason }, { additionalProperties: false }),
  void: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
  'deny-void': Type.Object({ reason: Reason }, { additionalProperties: false }),
  escalate: Type.Object({ reason: Reason }, { additionalProperties: false }),
  'self-handle': Type.Object({ result: Text(2000, 'what was done on the spot'), attachments: AttachmentIds }, { additionalProperties: false }),
  feedback: Type.Object({ result: Text(4000, 'the handling result'), attachments: AttachmentIds }, { additionalProperties: false }),
  check: Type.Object({ passed: Type.Boolean(), note: Note, attachments: AttachmentIds }, { additionalProperties: false }),
  callback: Type.Object(
    {
      satisfaction: Type.Union(SATISFACTIONS.map((s) => Type.Literal(s))),
      substantive: Type.Optional(Type.Boolean({ description: 'dissatisfied for a substantive reason (the problem is not solved)' })),
      reporterId: Type.Optional(Type.Integer({ minimum: 1 })),
      note: Note,
    },
    { additionalProperties: false },
  ),
  reopen: Type.Object({ reason: Reason }, { additionalProperties: false }),
  close: Type.Object({ note: Note }, { additionalProperties: false }),
  'force-close': Type.Object({ reason: Reason }, { additionalProperties: false }),
  merge: Type.Object(
    { duplicateIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 50 }), note: Note },
    { additionalProperties: false },
  ),
} as const;

export type ActionName = keyof typeof ActionBodies;
export const ACTION_NAMES = Object.keys(ActionBodies) as ActionName[];
export type ActionBody<A extends ActionName> = Static<(typeof ActionBodies)[A]>;

export const ListOrdersQuery = Type.Object({
  ...PagingFields,
  state: Type.Optional(Type.String({ description: 'state code, or several separated by commas' })),
  stateType: Type.Optional(Type.String({ description: 'new, open, handling, suspended, closed, voided' })),
  channel: Type.Optional(Type.String()),
  nature: Type.Optional(Type.String()),
  categoryCode: Type.Optional(Type.String()),
  townCode: Type.Optional(Type.String()),
  gridCode: Type.Optional(Type.String()),
  unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'handling or dispatching unit' })),
  phone: Type.Optional(Type.String({ description: "the reporter's phone: the caller's history" })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'text in the description or address' })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type ListOrdersFilter = Static<typeof ListOrdersQuery>;
