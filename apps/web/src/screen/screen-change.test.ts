import { describe, expect, it } from 'vitest';
import type { ScreenChange, ScreenOrder, ScreenSnapshot } from '@liandong/contracts';
import { apply } from './screen-change.ts';

const ratio = { hit: 0, of: 0, rate: null };
const wall = (): ScreenSnapshot => ({
  area: { code: '320509001000', name: '松陵街道', level: 'town' },
  at: '2026-12-07T08:00:00.000Z',
  day: '2026-12-07',
  figures: { received: 5, completion: ratio, onTime: ratio, satisfaction: ratio, directClose: ratio, open: 3, overdue: 0 },
  recent: [],
  gridLoad: [],
  points: [[120.64, 31.16, 2]],
  units: [],
  areas: [],
  channels: [],
  natures: [],
});
const order: ScreenOrder = {
  orderId: 7,
  code: 'LD20261207000007',
  at: '2026-12-07T08:01:00.000Z',
  category: '占道经营',
  town: '松陵街道',
  channel: 'hotline',
  channelName: '12345热线',
  channelNameEn: '12345 hotline',
  state: 'pending_accept',
  point: [120.65, 31.17],
};

describe('a change laid over the wall until the snapshot is read again', () => {
  it('a new order counts, goes on top of the board and onto the heat layer; its next change moves its state only', () => {
    const created = apply(wall(), { action: 'create', confidential: false, state: 'pending_accept', order });
    expect(created.figures).toMatchObject({ received: 6, open: 4 });
    expect(created.recent.map((o) => o.code)).toEqual([order.code]);
    expect(created.points).toEqual([[120.65, 31.17, 1], [120.64, 31.16, 2]]);
    const accepted = apply(created, { action: 'accept', confidential: false, state: 'pending_dispatch', order: { ...order, state: 'pending_dispatch' } });
    expect(accepted.figures).toEqual(created.figures);
    expect(accepted.recent[0]!.state).toBe('pending_dispatch');
    // Heard twice (a reconnect): counted once.
    expect(apply(created, { action: 'create', confidential: false, state: 'pending_accept', order }).figures.received).toBe(6);
  });

  it('a confidential order counts and is neither listed nor drawn', () => {
    const change: ScreenChange = { action: 'create', confidential: true, state: 'pending_accept' };
    const v = apply(wall(), change);
    expect(v.figures).toMatchObject({ received: 6, open: 4 });
    expect(v.recent).toEqual([]);
    expect(v.points).toEqual([[120.64, 31.16, 2]]);
  });
});
