import { describe, expect, it } from 'vitest';
import { codeHash, codeMatches, codeSent, codeWaitSeconds, mobileNumber, newSalt, newSignInCode, SIGN_IN, typedCode } from './citizen-sign-in.rules.ts';
import { windowWaitMs } from './portal.rules.ts';

const NOW = new Date('2026-05-11T02:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe('a mainland mobile number', () => {
  it('takes 11 digits starting 13–19, with spaces, dashes or +86 as people type them', () => {
    expect(mobileNumber('13912345678')).toBe('13912345678');
    expect(mobileNumber(' 139 1234 5678 ')).toBe('13912345678');
    expect(mobileNumber('139-1234-5678')).toBe('13912345678');
    expect(mobileNumber('+86 139 1234 5678')).toBe('13912345678');
    expect(mobileNumber('008613912345678')).toBe('13912345678');
  });

  it('refuses landlines, short or long numbers, 12…, letters', () => {
    for (const bad of ['', '1391234567', '139123456789', '12912345678', '0512-68881234', '1391234567x', '86', '+1 415 555 0100']) {
      expect(mobileNumber(bad), bad).toBeNull();
    }
  });
});

describe('the sign-in code', () => {
  it('is six digits, zeros kept, from the given source', () => {
    expect(newSignInCode(() => 42)).toBe('000042');
    expect(newSignInCode(() => 999_999)).toBe('999999');
    const codes = new Set(Array.from({ length: 200 }, () => newSignInCode()));
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(190);
  });

  it('is kept as a salted hash that matches only the code, of that phone', () => {
    const salt = newSalt();
    const stored = { salt, phone: '13912345678', code_hash: codeHash(salt, '13912345678', '048213') };
    expect(stored.code_hash).not.toContain('048213');
    expect(codeMatches(stored, '048213')).toBe(true);
    expect(codeMatches(stored, '048214')).toBe(false);
    expect(codeMatches({ ...stored, phone: '13912345679' }, '048213')).toBe(false);
    expect(codeHash(newSalt(), '13912345678', '048213')).not.toBe(stored.code_hash);
    expect(typedCode(' 048 213 ')).toBe('048213');
  });
});

describe('how often a phone is sent a code', () => {
  it('one a minute', () => {
    expect(codeWaitSeconds([], NOW)).toBe(0);
    expect(codeWaitSeconds([ago(1)], NOW)).toBe(59);
    expect(codeWaitSeconds([ago(59.5)], NOW)).toBe(1);
    expect(codeWaitSeconds([ago(60)], NOW)).toBe(0);
  });

  it(`${SIGN_IN.perHour} an hour: the next when the oldest of them is an hour old`, () => {
    const hour = [ago(100), ago(400), ago(900), ago(1800), ago(3000)];
    expect(codeWaitSeconds(hour, NOW)).toBe(3600 - 3000);
    expect(codeWaitSeconds(hour.slice(0, 4), NOW)).toBe(0);
  });

  it(`${SIGN_IN.perDay} a day`, () => {
    const day = Array.from({ length: SIGN_IN.perDay }, (_, i) => ago(4000 + i * 7000));
    const oldest = 4000 + (SIGN_IN.perDay - 1) * 7000;
    expect(codeWaitSeconds(day, NOW)).toBe(86_400 - oldest);
    expect(codeWaitSeconds(day.slice(1), NOW)).toBe(0);
  });

  it('a window counts only moments within it, and none in the future', () => {
    expect(windowWaitMs([ago(10), ago(20)], NOW, 2, 15_000)).toBe(0);
    expect(windowWaitMs([ago(10), ago(12)], NOW, 2, 15_000)).toBe(3_000);
    expect(windowWaitMs([new Date(NOW.getTime() + 5_000)], NOW, 1, 60_000)).toBe(0);
  });

  it('the answer is the same for every valid number', () => {
    expect(codeSent('139****5678')).toEqual({ phone: '139****5678', expiresInSeconds: 300, resendInSeconds: 60 });
  });
});
