import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withSmallHeap } from './small-heap.ts';

describe('withSmallHeap', () => {
  afterEach(() => vi.restoreAllMocks());

  it('bounds the heap growth for the work, and leaves it to V8 again after, also when the work fails', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    expect(await withSmallHeap(async () => 'built')).toBe('built');
    await expect(withSmallHeap(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(flags.mock.calls.map(([f]) => f)).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0', '--heap-growing-percent=30', '--heap-growing-percent=0']);
  });

  it('keeps the bound until the last of overlapping works ends', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    let finishFirst!: () => void;
    const first = withSmallHeap(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    await withSmallHeap(async () => undefined);
    expect(flags.mock.calls.map(([f]) => f)).toEqual(['--heap-growing-percent=30']);
    finishFirst();
    await first;
    expect(flags.mock.calls.map(([f]) => f)).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0']);
  });
});
