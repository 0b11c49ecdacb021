/**
 * The JS heap while this process does bulk work beside serving: the demo history. When the machine has memory to
 * spare and the program allocates fast, V8 lets its heap grow to four times what the last full collection found
 * live before it collects again. The history allocates fast: each batch of simulated orders lives until it is
 * written, long enough to reach the old generation, and is dropped after (~2 MB a batch of 100). A first start with
 * 62 MB live thus went to 280 MB of heap, 170 MB of its peak. Within `withSmallHeap` the heap grows at most 30 %
 * past what is live (V8's heap-growing-percent, read at every full collection): about 30 full collections instead
 * of 7 over a 7-day history, under a second of work. Outside, V8's own heuristics apply again.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const GROWTH_PERCENT = 30;

let running = 0;

export async function withSmallHeap<T>(work: () => Promise<T>): Promise<T> {
  if (running++ === 0) {
    v8.setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
    collectNow();
  }
  try {
    return await work();
  } finally {
    // 0: V8 chooses the growth itself again.
    if (--running === 0) v8.setFlagsFromString('--heap-growing-percent=0');
  }
}

/**
 * A full collection now, so that the bound holds from the first batch: V8 sets the heap's limit at each full
 * collection, and the limit it set before (after the first start's loading, four times what was live then) would
 * otherwise stand until the heap reached it, 30–40 MB above the bound. Node hands `gc` only to contexts created
 * after --expose-gc is set; this one is thrown away, the process's own globals stay as they are.
 */
function collectNow(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
