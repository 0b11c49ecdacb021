import { Type, type Static } from '@sinclair/typebox';

/** The error body of every 4xx/5xx answer. `message` is in the request's language (zh-CN default, en). */
export const ApiErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable machine code, e.g. invalid_field, wrong_state, forbidden' }),
      message: Type.String({ description: 'human message in the request language' }),
      field: Type.Optional(Type.String({ description: 'the input field at fault, e.g. location.lng' })),
    }),
  },
);
export type ApiError = Static<typeof ApiErrorSchema>;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Bounds of every list's paging (one home: every list route spreads `PagingFields` into its query). */
export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

export const PagingFields = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, description: `1–${MAX_PAGE}, default 1` })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: `1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}` })),
};
export const Page = Type.Object(PagingFields);

export const TIME_UNITS = ['urgent_hours', 'working_hours', 'working_days', 'natural_days'] as const;
export const TimeUnitSchema = Type.Union(TIME_UNITS.map((u) => Type.Literal(u)));
