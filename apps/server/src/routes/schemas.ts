import { Type } from '@sinclair/typebox';
import { ApiErrorSchema } from '@liandong/contracts';

/** Documented error answers; every route may give them. */
export const errorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  422: ApiErrorSchema,
};

const Named = Type.Union([Type.Null(), Type.Object({ code: Type.String(), name: Type.Union([Type.String(), Type.Null()]) })]);

/** The order as the API shows it (fields beyond these are passed through unchanged). */
export const OrderViewSchema = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String({ description: 'human-readable order number, e.g. LD20261121000123' }),
    state: Type.Object({ code: Type.String(), type: Type.String(), label: Type.String() }),
    grid: Named,
    village: Named,
    town: Named,
    district: Named,
    deadlines: Type.Optional(Type.Array(
      Type.Object(
        {
          step: Type.String(),
          startedAt: Type.String({ format: 'date-time' }),
          dueAt: Type.String({ format: 'date-time' }),
          doneAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        },
        { additionalProperties: true },
      ),
    )),
  },
  { additionalProperties: true },
);
