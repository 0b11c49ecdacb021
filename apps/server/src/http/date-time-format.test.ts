import { describe, expect, it } from 'vitest';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { mulberry32 } from '@liandong/core/shared/mulberry32.ts';
import { isDateTime } from './date-time-format.ts';

const ajvDateTime = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

describe('date-time format (时间格式)', () => {
  it('decides the cases that matter as ajv-formats does', () => {
    const cases = [
      '2026-12-07T05:00:00Z', '2026-12-07t05:00:00z', '2026-12-07 05:00:00Z', '2026-12-07T05:00:00.123Z', '2026-12-07T05:00:00+08:00',
      '2026-12-07T05:00:00+0800', '2026-12-07T05:00:00+08', '2026-12-07T05:00:00-23:59', '2026-12-07T05:00:00+24:00', '2026-12-07T05:00:00+08:60',
      '2026-12-07T05:00:00', '2026-12-07T05:00Z', '2026-02-29T00:00:00Z', '2024-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '1900-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-01T00:00:00Z', '2026-01-00T00:00:00Z', '2026-12-31T23:59:60Z', '2026-12-31T23:59:60.5Z',
      '2026-12-31T23:59:61Z', '2026-12-31T22:59:60Z', '2026-12-31T23:59:60+01:00', '2027-01-01T07:59:60+08:00', '2026-12-31T23:59:59.99999999999999999Z',
      '2026-12-31T12:59:59.99999999999999999Z', '2026-12-07T24:00:00Z', '2026-12-07T05:60:00Z', '2026-12-07T05:00:00.Z', '2026-12-07T05:00:00+08:', '2026-12-07T05:00:00+8',
      ' 2026-12-07T05:00:00Z', '2026-12-07T05:00:00Z ', '2026-12-07TT05:00:00Z', '2026-12-07\t05:00:00Z', '2026-12-07\u00a005:00:00Z', '2026-12-07\u300005:00:00Z',
      '２０２６-12-07T05:00:00Z', '2026-12-07T05:00:00+08:00:00', '', 'T', '2026-12-07', '2026-1-07T05:00:00Z', '99999-12-07T05:00:00Z',
    ];
    for (const c of cases) expect([c, isDateTime(c)]).toEqual([c, ajvDateTime(c)]);
  });

  it('agrees with ajv-formats on 200,000 strings made of a date-time’s own characters', () => {
    const rnd = mulberry32(20261207);
    const alphabet = '0123456789-:.+TtZz \t';
    const valid = ['2026-12-07T05:00:00Z', '2024-02-29t23:59:60.25+00:00', '2026-12-31 23:59:59-0130', '2000-01-01T00:00:00.000001+08'];
    let accepted = 0;
    for (let n = 0; n < 200_000; n++) {
      // Valid strings with one to three characters changed, dropped or added, and some wholly random ones.
      const base = valid[n % valid.length]!.split('');
      const edits = 1 + Math.floor(rnd() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * (base.length + 1));
        const ch = alphabet[Math.floor(rnd() * alphabet.length)]!;
        const kind = rnd();
        if (kind < 0.5) base[at] = ch;
        else if (kind < 0.75) base.splice(at, 1);
        else base.splice(at, 0, ch);
      }
      const s = n % 10 === 0 ? Array.from({ length: 18 + Math.floor(rnd() * 10) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('') : base.join('');
      if (isDateTime(s) !== ajvDateTime(s)) expect([s, isDateTime(s)]).toEqual([s, ajvDateTime(s)]);
      if (ajvDateTime(s)) accepted++;
    }
    // Both answers are well represented (a fuzz that only made invalid strings would prove little).
    expect(accepted).toBeGreaterThan(10_000);
    expect(accepted).toBeLessThan(190_000);
  });
});
