import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { madeAtOf } from './made-at.rules.ts';

const now = new Date('2026-12-06T08:00:00Z');

function refusal(header: string): DomainError {
  try {
    madeAtOf(header, now);
  } catch (err) {
    return err as DomainError;
  }
  throw new Error(`"${header}" was accepted`);
}

describe('made-at (现场时间)', () => {
  it('is the device time of a request that waited in an outbox', () => {
    expect(madeAtOf('2026-12-06T15:02:00+08:00', now)?.toISOString()).toBe('2026-12-06T07:02:00.000Z');
    expect(madeAtOf('2026-11-10T07:02:00.123Z', now)?.toISOString()).toBe('2026-11-10T07:02:00.123Z');
  });

  it('is nothing when absent or when the request came at once', () => {
    expect(madeAtOf(undefined, now)).toBeNull();
    expect(madeAtOf('', now)).toBeNull();
    expect(madeAtOf('2026-12-06T07:59:30Z', now)).toBeNull();
    // A phone a little ahead of the server.
    expect(madeAtOf('2026-12-06T08:04:00Z', now)).toBeNull();
  });

  it('refuses what is not a time with its offset, the future and the far past, naming Made-At', () => {
    for (const bad of ['yesterday', '2026-12-06 08:00', '2026-12-06T08:00:00', '2026-13-40T08:00:00Z', '1764979200']) {
      const err = refusal(bad);
      expect([err.status, err.field]).toEqual([400, 'Made-At']);
    }
    expect(refusal('2026-12-06T08:06:00Z').messages.zh).toContain('晚于当前时间');
    expect(refusal('2026-11-05T08:00:00Z').messages.en).toContain('30 days');
  });
});
