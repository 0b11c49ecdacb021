import { describe, expect, it } from 'vitest';
import { malformedText } from './validation.ts';

describe('malformedText', () => {
  it('finds a lone surrogate in any text of a body, by its path', () => {
    expect(malformedText({ reporter: { name: 'ok', phone: 'x\uD800' } })).toBe('reporter.phone');
    expect(malformedText(['a', 'b\uDC00'])).toBe('1');
    expect(malformedText({ note: '工单😀𠀀' })).toBeNull();
  });

  it('leaves raw bytes alone: an uploaded file is not text (and is not walked byte by byte)', () => {
    const photo = Buffer.alloc(10 * 1024 * 1024, 0xd8);
    expect(malformedText(photo)).toBeNull();
    expect(malformedText(new Uint8Array([0xed, 0xa0, 0x80]))).toBeNull();
    expect(malformedText({ file: photo, name: 'p\uD800.jpg' })).toBe('name');
  });
});
