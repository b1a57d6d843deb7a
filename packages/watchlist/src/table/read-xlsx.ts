import type { Table } from './table.ts';
import { fileUnreadable, TableLimitError, type TableLimits } from './table-limits.ts';
import { checkEntry, inflateEntry, readZipDirectory, type ZipEntry } from './zip-reader.ts';

/**
 * A bounded XLSX reader: the sheet XML is scanned once, cells right of `maxColumns` are skipped before
 * anything is stored for them (a lone cell at column XFD costs a regex step, not 16,384 empty cells), and
 * rows/cells are counted against their caps as they are read. Only what an import needs is read: shared
 * strings, the first sheet with data, cell text and numbers — no styles, formulas or drawings.
 */
export function readXlsxBounded(bytes: Buffer, limits: TableLimits): Table {
  const entries = readZipDirectory(bytes);
  let inflated = 0;
  const open = (name: string): string | null => {
    const entry = entries.get(name);
    if (!entry) return null;
    inflated = checkEntry(entry, limits, inflated);
    return inflateEntry(bytes, entry).toString('utf8');
  };
  const sheetPaths = sheetOrder(open, entries);
  if (sheetPaths.length === 0) throw fileUnreadable('berkas XLSX tidak berisi lembar kerja');
  const shared = parseSharedStrings(open('xl/sharedStrings.xml') ?? '');
  let first: Table | null = null;
  for (const path of sheetPaths) {
    const xml = open(path);
    if (xml === null) continue;
    const table = parseSheet(xml, shared, limits);
    if (table.rows.length > 0) return table;
    first ??= table;
  }
  return first ?? { format: 'xlsx', rows: [], rowNumbers: [], ignoredCells: 0 };
}

/** Worksheet paths in workbook order (workbook.xml + its relationships), falling back to the file names. */
function sheetOrder(open: (name: string) => string | null, entries: Map<string, ZipEntry>): string[] {
  const workbook = open('xl/workbook.xml') ?? '';
  const rels = open('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) {
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      targets.set(id, path);
    }
  }
  const ordered: string[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const id = attr(m[0], 'r:id');
    const path = id ? targets.get(id) : undefined;
    if (path && entries.has(path)) ordered.push(path);
  }
  if (ordered.length > 0) return ordered;
  return [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort();
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&') && !text.includes('_x')) return text;
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (all, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
      }
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Text of every `<t>` inside an element (plain strings and rich-text runs alike); phonetic runs skipped. */
function textOf(xml: string): string {
  let out = '';
  const clean = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  for (const m of clean.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1]!);
  return out;
}

function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(m[1] ? textOf(m[1]) : '');
  return out;
}

/** `BC12` → 55 (1-based column). Returns 0 for a malformed reference. */
function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > 1_000_000) return 0;
  }
  return col;
}

/**
 * A number cell as the admin's Excel shows it. Integers of 15+ digits have already lost digits in Excel
 * (it keeps 15 significant digits), so they are written back in Excel's scientific form — the NIP check
 * then explains what happened instead of accepting a rounded NIP.
 */
function numberText(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  if (Math.abs(n) >= 1e15) return n.toExponential().replace('e', 'E');
  return String(n);
}

function cellValue(open: string, inner: string, shared: string[]): string {
  const type = attr(open, 't') ?? 'n';
  if (type === 'inlineStr') return textOf(inner);
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (v === undefined) return '';
  if (type === 's') return shared[Number(v)] ?? '';
  if (type === 'str' || type === 'e') return decodeXml(v);
  if (type === 'b') return v === '1' ? 'TRUE' : 'FALSE';
  return numberText(v);
}

function parseSheet(xml: string, shared: string[], limits: TableLimits): Table {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let ignoredCells = 0;
  let cells = 0;
  let lastRow = 0;
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  for (let m = rowRe.exec(xml); m; m = rowRe.exec(xml)) {
    const r = Number(attr(`<row${m[1]}>`, 'r'));
    const rowNumber = Number.isInteger(r) && r > lastRow ? r : lastRow + 1;
    lastRow = rowNumber;
    const body = m[2];
    if (!body) continue;
    const row: string[] = [];
    let lastCol = 0;
    cellRe.lastIndex = 0;
    for (let c = cellRe.exec(body); c; c = cellRe.exec(body)) {
      const open = `<c${c[1]}>`;
      const ref = attr(open, 'r');
      const col = ref ? columnOfRef(ref) || lastCol + 1 : lastCol + 1;
      lastCol = col;
      if (!c[2]) continue;
      if (col > limits.maxColumns) {
        // Beyond any column an import reads: skipped before it costs anything, counted for the report.
        ignoredCells++;
        continue;
      }
      const value = cellValue(open, c[2], shared);
      if (value === '') continue;
      if (++cells > limits.maxCells) {
        throw new TableLimitError(
          'maxCells',
          `berkas berisi lebih dari ${limits.maxCells.toLocaleString('id-ID')} sel terisi; pecah berkas menjadi beberapa bagian`,
        );
      }
      while (row.length < col - 1) row.push('');
      row[col - 1] = value;
    }
    if (row.some((v) => v.trim() !== '')) {
      if (rows.length > limits.maxRows) {
        throw new TableLimitError(
          'maxRows',
          `berkas berisi lebih dari ${limits.maxRows.toLocaleString('id-ID')} baris data; pecah berkas menjadi beberapa bagian`,
        );
      }
      rows.push(row);
      rowNumbers.push(rowNumber);
    }
  }
  return { format: 'xlsx', rows, rowNumbers, ignoredCells };
}
