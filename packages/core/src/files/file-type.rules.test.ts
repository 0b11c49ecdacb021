import { describe, expect, it } from 'vitest';
import { declaredTypeAgrees, sniffFileType } from './file-type.rules.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** An ISO-BMFF file's start: the `ftyp` box with its major and compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), [0, 0, 0, 8], 'mdat');
};

describe('the type of a file by its first bytes', () => {
  it('knows each accepted kind', () => {
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe1, 0, 0x10], 'Exif'))).toBe('image/jpeg');
    expect(sniffFileType(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'))).toBe('image/png');
    expect(sniffFileType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffFileType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffFileType(bytes('GIF87a'))).toBe('image/gif');
    expect(sniffFileType(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
    expect(sniffFileType(ftyp('heix', 'mif1'))).toBe('image/heic');
    expect(sniffFileType(ftyp('mif1', 'mif1', 'heic'))).toBe('image/heic');
    expect(sniffFileType(ftyp('msf1', 'msf1'))).toBe('image/heif');
    expect(sniffFileType(bytes('%PDF-1.7\n%\xe2\xe3'))).toBe('application/pdf');
    expect(sniffFileType(ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'))).toBe('video/mp4');
    expect(sniffFileType(ftyp('mp42', 'mp42', 'isom'))).toBe('video/mp4');
    expect(sniffFileType(ftyp('M4A ', 'M4A ', 'mp42', 'isom'))).toBe('audio/mp4');
    expect(sniffFileType(bytes('ID3', [4, 0, 0, 0, 0, 0, 0]))).toBe('audio/mpeg');
    expect(sniffFileType(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg');
    expect(sniffFileType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBe('audio/wav');
    expect(sniffFileType(bytes('#!AMR\n', [0x3c]))).toBe('audio/amr');
    expect(sniffFileType(bytes('#!AMR-WB\n'))).toBe('audio/amr');
  });

  it('knows nothing else, whatever the file is called: pages, text, archives, programs, scripts, SVG', () => {
    for (const other of [
      bytes('<!DOCTYPE html><html><script>alert(1)</script>'),
      bytes('<html><body>'),
      bytes('just some text 现场照片'),
      bytes('PK', [3, 4, 20, 0, 8, 0]), // zip, docx, apk
      bytes('MZ', [0x90, 0, 3, 0]), // Windows program
      bytes([0x7f], 'ELF', [2, 1, 1]),
      bytes('#!/bin/sh\nrm -rf /'),
      bytes('<svg xmlns="http://www.w3.org/2000/svg">'),
      bytes('RIFF', [0x24, 0, 0, 0], 'AVI '),
      bytes([0xff, 0xff, 0xff, 0xff]), // no valid MPEG frame
      ftyp('qt  '),
      ftyp('avif', 'avif', 'mif1'),
      bytes([]),
    ]) {
      expect(sniffFileType(other), other.toString('latin1')).toBeNull();
    }
  });

  it('lets a declared type through only when it is of the sniffed family', () => {
    expect(declaredTypeAgrees('image/jpeg', 'image/jpeg')).toBe(true);
    expect(declaredTypeAgrees('image/jpeg', 'image/png')).toBe(true); // a photo is a photo; stored as PNG
    expect(declaredTypeAgrees('image/heic', 'image/heif')).toBe(true);
    expect(declaredTypeAgrees('audio/mp4', 'video/mp4')).toBe(true); // a voice memo in an isom container
    expect(declaredTypeAgrees('video/mp4', 'audio/mp4')).toBe(true);
    expect(declaredTypeAgrees('audio/mpeg', 'audio/wav')).toBe(true);
    expect(declaredTypeAgrees('image/jpeg', 'application/pdf')).toBe(false);
    expect(declaredTypeAgrees('application/pdf', 'image/jpeg')).toBe(false);
    expect(declaredTypeAgrees('image/jpeg', 'video/mp4')).toBe(false);
    expect(declaredTypeAgrees('audio/mpeg', 'image/png')).toBe(false);
  });
});
