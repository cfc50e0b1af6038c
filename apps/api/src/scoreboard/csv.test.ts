import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('writes a header and CRLF-terminated records, quoting only where needed', () => {
    expect(toCsv(['a', 'b'], [['x', 1], ['y, z', null]])).toBe('a,b\r\nx,1\r\n"y, z",\r\n');
  });

  it('doubles quotes and quotes fields with line breaks', () => {
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('keeps numbers as numbers, negative ones included, and leaves nulls empty', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});
