import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, detectDelimiter, parseCsv, parseCsvRecords, parseCsvTable } from './csv.ts';

describe('csv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'code,name,note\n1,"松陵, 街道","他说""好"""\n2,"two\nlines",x\n';
    expect(parseCsv(text)).toEqual([
      ['code', 'name', 'note'],
      ['1', '松陵, 街道', '他说"好"'],
      ['2', 'two\nlines', 'x'],
    ]);
  });

  it('strips the BOM, accepts CRLF and CR, skips blank lines and keeps line numbers', () => {
    const text = '\uFEFFa,b\r\n1,"x\r\ny"\r\n\r\n,,\r\n3,4\r5,6';
    const records = parseCsvRecords(text);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', 'x\r\ny'], ['3', '4'], ['5', '6']]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 6, 7]);
  });

  it('keeps empty fields and a final field without newline', () => {
    expect(parseCsv('a,,c\n,"",')).toEqual([['a', '', 'c']]); // an all-blank record is skipped
    expect(parseCsv('a,,c\nx,"",')).toEqual([['a', '', 'c'], ['x', '', '']]);
  });

  it('reports an unterminated quote with the line it opened on', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/line 2/);
  });

  it('maps rows by trimmed header, missing cells read as empty', () => {
    const t = parseCsvTable(' code , name \n320509, 吴江区 \n320509001');
    expect(t.header).toEqual(['code', 'name']);
    expect(t.rows).toEqual([
      { line: 2, values: { code: '320509', name: '吴江区' } },
      { line: 3, values: { code: '320509001', name: '' } },
    ]);
  });

  it('detects semicolon and tab delimiters on request', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(parseCsv('a\tb\n1\t2', { delimiter: 'auto' })).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b;c', { delimiter: ';' })).toEqual([['a,b', 'c']]);
  });
});
