/**
 * The demo history built in this process (`liandong start` and `worker` in the background, `liandong demo` in the
 * foreground): batches sized for the engine, on a small heap (small-heap.ts), then the timers of the clocks it left
 * running.
 */
import { buildDemoHistory, scheduleHistoryClocks, type BuildDemoHistoryResult } from '@liandong/core/demo/history/index.ts';
import type { Platform } from '../platform.ts';
import { withSmallHeap } from '../small-heap.ts';

/** Small batches on the embedded database: each one holds the event loop while it is written. */
function historyBatch(p: Platform): number {
  return p.db.kind === 'pglite' ? 100 : 800;
}

export function buildHistory(p: Platform, days: number, onProgress: (done: number, total: number) => void): Promise<BuildDemoHistoryResult & { timers: number }> {
  return withSmallHeap(async () => {
    const built = await buildDemoHistory(p.db, { days, onProgress, batchSize: historyBatch(p) });
    const timers = await scheduleHistoryClocks(p.db, await p.calendar.get(p.db), p.clock());
    return { ...built, timers };
  });
}
