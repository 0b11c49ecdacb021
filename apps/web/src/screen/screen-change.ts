/** What the wall does with one change heard on its stream, until it reads the snapshot again. */
import { FINAL_STATES, SCREEN_BOARD_SIZE, type ScreenChange, type ScreenSnapshot } from '@liandong/contracts';

/**
 * One change laid over the figures and the board until the snapshot is read again. A confidential order (保密工单)
 * comes without its order: it counts, and is neither listed nor drawn.
 */
export function apply(v: ScreenSnapshot, c: ScreenChange): ScreenSnapshot {
  const order = c.order;
  const known = order && v.recent.find((o) => o.orderId === order.orderId);
  if (c.action === 'create' && !known) {
    const figures = { ...v.figures, received: v.figures.received + 1, open: v.figures.open + (FINAL_STATES.includes(c.state) ? 0 : 1) };
    if (!order) return { ...v, figures };
    return { ...v, figures, recent: [order, ...v.recent].slice(0, SCREEN_BOARD_SIZE), points: [[...order.point, 1], ...v.points] };
  }
  if (known) return { ...v, recent: v.recent.map((o) => (o.orderId === order.orderId ? { ...o, state: c.state } : o)) };
  return v;
}
