import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ERROR_CODES, literals, TIME_UNITS } from './vocabulary.ts';

/** The error body of every 4xx/5xx answer. `message` is in the request's language (zh-CN default, en). */
export const ApiErrorSchema = Type.Object(
  {
    error: Type.Object(
      {
        code: literals(ERROR_CODES, { description: 'stable machine code, e.g. invalid_field, wrong_state, forbidden' }),
        message: Type.String({ description: 'human message in the request language' }),
        field: Type.Optional(Type.String({ description: 'the input field at fault, e.g. location.lng' })),
        problems: Type.Optional(
          Type.Array(
            Type.Object(
              {
                row: Type.Integer({ description: 'the row as a spreadsheet numbers it (the header is row 1)' }),
                field: Type.String({ description: 'the column at fault' }),
                message: Type.String({ description: 'what is wrong, in the request language' }),
              },
              { additionalProperties: false },
            ),
            { description: 'an import refused: every bad row and column (nothing was written)' },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ApiError = Static<typeof ApiErrorSchema>;

/** An instant on the wire: ISO 8601 with time zone. */
export const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A closed object: every response object is one (no field passes unchecked). */
export const Obj = <P extends Record<string, TSchema>>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

/** A query value naming one or several of a closed set, separated by commas (`state=handling,pending_sign`). */
export const CommaList = (values: readonly string[], description: string) =>
  Type.String({ pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`, description: `${description}: ${values.join(', ')}; several separated by commas` });

/** A yes/no query filter, written `true` or `false`. */
export const Flag = (description: string) => Type.Optional(Type.Boolean({ description }));

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** An order's number as operators, SMS and the public speak it: 'LD' + date in China + id (工单编号). */
export const ORDER_CODE_PATTERN = '^LD[0-9]{14,}$';
/** An order named by its id or by its number: `/api/v1/orders/23744` and `/api/v1/orders/LD20261201023744` are one order. */
export const OrderRefParams = Type.Object({
  id: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: ORDER_CODE_PATTERN })], {
    description: 'the order id, or its number (工单编号), e.g. LD20261201023744',
  }),
});
export const CodeParams = (maxLength = 20) => Type.Object({ code: Type.String({ maxLength }) });

/** Bounds of every list's paging (one home: every list route spreads `PagingFields` into its query). */
export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

export const PagingFields = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, description: `1–${MAX_PAGE}, default 1` })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: `1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}` })),
};
export const Page = Type.Object(PagingFields);

/** A page of a list: the total matching, the window, and its items. */
export const PageOf = <T extends TSchema>(item: T) =>
  Obj({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(item) });

/** Long lists count their matches up to this many; beyond it they say "more" (an exact count of a million rows costs a second). */
export const MAX_COUNTED = 10_000;

/** A page of a long list (`what`: orders, messages): its total counted up to MAX_COUNTED, and whether there were more. */
export const CountedPageOf = <T extends TSchema>(item: T, what: string) =>
  Obj({
    total: Type.Integer({ description: `${what} matching, counted up to ${MAX_COUNTED}` }),
    totalCapped: Type.Boolean({ description: `more than ${MAX_COUNTED} match: total stops there (shown as "${MAX_COUNTED}+")` }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(item),
  });

export const TimeUnitSchema = literals(TIME_UNITS);
/** `{ ok: true }`: done, nothing more to say. */
export const Ok = Obj({ ok: Type.Literal(true) });
/** A code with its name, e.g. a grid or a division (null when the order has none). */
export const NamedRef = Nullable(Obj({ code: Type.String(), name: Nullable(Type.String()) }));
/** A unit or a user by id with its name. */
export const IdRef = Nullable(Obj({ id: Type.Integer(), name: Nullable(Type.String()) }));
/** A code with its label in the reader's language. */
export const Labelled = Obj({ code: Type.String(), label: Type.String() });
export const LabelsSchema = Obj({ zh: Type.String(), en: Type.String() });
