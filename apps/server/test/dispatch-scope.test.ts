/**
 * A village station works only in its own town. Once a town sub-centre could dispatch, co-assign or
 * redispatch to another town's station (only sub-centre targets were checked against the order's town),
 * and that station then read the order. Now every station named as lead or co-handler must be in the
 * order's town — a 422 naming the field, and nothing changes.
 */
import type { ActionName } from '@liandong/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, unitId, type TestServer } from './harness.ts';
import { orderIn, snapshot, step, unitOfUser, type Fixture } from './order-fixtures.ts';

let s: TestServer;
let home: number;
let foreign: number;

beforeAll(async () => {
  s = await startTestServer();
  home = await unitOfUser(s, 'songling_station');
  foreign = await unitOfUser(s, 'zhenze_station');
});

afterAll(async () => {
  await s?.close();
});

/** An order of 松陵 passed down by the district centre to the town sub-centre for its own dispatch. */
async function atSubCentre(): Promise<Fixture> {
  const f = await orderIn(s, 'pending_dispatch');
  return step(s, f, 'zx_dispatcher', 'dispatch', { unitId: await unitId(s, 'WJ-ZX-320509001') }, 'pending_dispatch');
}

async function refused(f: Fixture, username: string, action: ActionName, body: unknown, field: string) {
  const before = await snapshot(s, f.id);
  const r = await (await s.as(username)).act(f.id, action, body);
  expect({ status: r.status, field: r.body?.error?.field }).toEqual({ status: 422, field });
  expect(await snapshot(s, f.id)).toEqual(before);
  expect((await (await s.as('zhenze_station')).get(`/api/v1/orders/${f.id}`)).status).toBe(404);
}

describe("a town sub-centre reaches only its own town's stations", () => {
  it('dispatch to another town’s station is refused', async () => {
    await refused(await atSubCentre(), 'songling_dispatcher', 'dispatch', { unitId: foreign }, 'unitId');
  });

  it('naming another town’s station as co-handler at dispatch is refused', async () => {
    await refused(await atSubCentre(), 'songling_dispatcher', 'dispatch', { unitId: home, coUnitIds: [foreign] }, 'coUnitIds');
  });

  it('redispatch to another town’s station is refused', async () => {
    const f = await step(s, await atSubCentre(), 'songling_dispatcher', 'dispatch', { unitId: home }, 'pending_sign');
    await refused(f, 'songling_dispatcher', 'redispatch', { unitId: foreign, reason: '改派' }, 'unitId');
  });

  it('adding another town’s station as co-handler is refused', async () => {
    const f = await step(s, await atSubCentre(), 'songling_dispatcher', 'dispatch', { unitId: home }, 'pending_sign');
    await refused(f, 'songling_dispatcher', 'add-co-handler', { unitId: foreign }, 'unitId');
  });

  it('the district centre cannot send an order to a station of another town either', async () => {
    await refused(await orderIn(s, 'pending_dispatch'), 'zx_dispatcher', 'dispatch', { unitId: foreign }, 'unitId');
  });

  it('its own town’s station may lead and co-handle', async () => {
    const f = await step(s, await atSubCentre(), 'songling_dispatcher', 'dispatch', { unitId: home }, 'pending_sign');
    expect(f.order.handlerUnit.id).toBe(home);
    const other = await orderIn(s, 'pending_dispatch');
    const r = await (await s.as('zx_dispatcher')).act(other.id, 'dispatch', { unitId: await unitId(s, 'WJ-CGJ'), coUnitIds: [home] });
    expect(r.status).toBe(200);
  });
});
