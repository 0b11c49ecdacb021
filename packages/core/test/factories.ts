/**
 * Factories for database-tier tests on the minimal seed (seeds.ts): the people by role, the services with a
 * manual clock, and orders brought to a state through the live use cases (never by writing rows).
 */
import type { Db } from '@liandong/db';
import type { ActionBody, ActionName, StateCode } from '@liandong/contracts';
import { CalendarProvider } from '../src/calendar/index.ts';
import { TerritoryService } from '../src/territory/index.ts';
import { loadActor } from '../src/org/org.repository.ts';
import type { Actor } from '../src/org/actor.ts';
import { createOrder } from '../src/orders/create-order.ts';
import { performAction } from '../src/orders/perform-action.ts';
import { ReferenceCache } from '../src/orders/intake/reference-cache.ts';
import type { OrderServices } from '../src/orders/order-services.ts';
import type { OrderRow } from '../src/orders/order.types.ts';
import { DomainError } from '../src/shared/errors.ts';

export const PEOPLE = ['t_operator', 't_dispatcher', 't_shift_lead', 't_supervisor', 't_handler', 't_grid_worker'] as const;
export type Person = (typeof PEOPLE)[number];

export interface MinimalWorld {
  db: Db;
  services: OrderServices;
  /** The manual clock: tests move it. */
  clock: { now: Date };
  as(person: Person): Actor;
  unitId(code: string): Promise<number>;
  /** A hotline order inside the grid, classified under the seed's category (handled by T-CGJ). */
  newOrder(extra?: { phone?: string }): Promise<OrderRow>;
  act<A extends ActionName>(person: Person, orderId: number, action: A, body?: ActionBody<A>): Promise<OrderRow>;
  /** A new order taken through the shortest path to `state`. */
  orderIn(state: Extract<StateCode, 'pending_dispatch' | 'pending_sign' | 'handling' | 'pending_check'>): Promise<OrderRow>;
}

let seq = 0;

export async function minimalWorld(db: Db, start = new Date('2026-03-02T01:00:00Z')): Promise<MinimalWorld> {
  const clock = { now: start };
  const calendar = new CalendarProvider();
  const services: OrderServices = { clock: () => clock.now, territory: new TerritoryService(db), calendar: (q) => calendar.get(q), reference: new ReferenceCache() };
  const people = new Map<Person, Actor>();
  for (const p of PEOPLE) {
    const id = (await db.query<{ id: number }>('select id from users where username = $1', [p])).rows[0]!.id;
    people.set(p, (await loadActor(db, id))!);
  }
  const as = (p: Person) => people.get(p)!;
  const act: MinimalWorld['act'] = (person, orderId, action, body) => performAction(db, as(person), orderId, action, (body ?? {}) as never, services).then((r) => r.order);
  const newOrder: MinimalWorld['newOrder'] = async (extra = {}) => {
    const r = await createOrder(
      db,
      as('t_operator'),
      {
        channel: 'hotline',
        nature: 'complaint',
        description: `店外占道经营 ${++seq}`,
        location: { lng: 120.61, lat: 31.11 },
        categoryCode: 'T01001',
        reporter: { name: '王五', phone: extra.phone ?? '13800000000' },
      },
      `factory-${process.pid}-${seq}`,
      services,
    );
    return r.order;
  };
  return {
    db,
    services,
    clock,
    as,
    act,
    newOrder,
    unitId: async (code) => (await db.query<{ id: number }>('select id from units where code = $1', [code])).rows[0]!.id,
    async orderIn(state) {
      const o = await newOrder();
      await act('t_dispatcher', o.id, 'accept');
      if (state === 'pending_dispatch') return (await db.query<OrderRow>('select * from orders where id = $1', [o.id])).rows[0]!;
      const sent = await act('t_dispatcher', o.id, 'dispatch');
      if (state === 'pending_sign') return sent;
      const signed = await act('t_handler', o.id, 'sign');
      if (state === 'handling') return signed;
      return act('t_handler', o.id, 'feedback', { result: '已清理' });
    },
  };
}

/** The DomainError a use case refused with (a test then reads its status, code, field or rows); fails if it was not refused. */
export async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
}
