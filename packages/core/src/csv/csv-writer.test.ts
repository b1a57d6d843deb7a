import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv-writer.ts';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+62 812', "'+62 812"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['  =1+1', "'  =1+1"],
    ['\u200b=1+1', "'\u200b=1+1"],
    ['\uff1dcmd', "'\uff1dcmd"],
  ])('neutralises a cell a spreadsheet would run as a formula: %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes cells with separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('baris 1\nbaris 2')).toBe('"baris 1\nbaris 2"');
    expect(csvCell('a;b')).toBe('"a;b"');
  });

  it('writes null and undefined as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('toCsv writes a BOM, CRLF line ends and neutralises every cell', () => {
    expect(
      toCsv([
        ['a', '=b'],
        ['+c', 'd,e'],
      ]),
    ).toBe('\uFEFFa,\'=b\r\n\'+c,"d,e"\r\n');
  });
});
