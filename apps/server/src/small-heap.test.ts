import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withSmallHeap } from './small-heap.ts';

/** The heap-growth settings given to V8, in order. */
function growthSettings(flags: { mock: { calls: [string][] } }): string[] {
  return flags.mock.calls.map(([f]) => f).filter((f) => f.startsWith('--heap-growing-percent'));
}

describe('withSmallHeap', () => {
  afterEach(() => vi.restoreAllMocks());

  it('bounds the heap growth for the work from a full collection on, and leaves it to V8 after, also when the work fails', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const contexts = vi.spyOn(vm, 'runInNewContext');
    expect(await withSmallHeap(async () => 'built')).toBe('built');
    await expect(withSmallHeap(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(growthSettings(flags)).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0', '--heap-growing-percent=30', '--heap-growing-percent=0']);
    expect(contexts.mock.calls.map(([code]) => code)).toEqual(['gc', 'gc']);
  });

  it('keeps the bound until the last of overlapping works ends', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    let finishFirst!: () => void;
    const first = withSmallHeap(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    await withSmallHeap(async () => undefined);
    expect(growthSettings(flags)).toEqual(['--heap-growing-percent=30']);
    finishFirst();
    await first;
    expect(growthSettings(flags)).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0']);
  });
});
