import { inflateRawSync } from 'node:zlib';
import { fileUnreadable, TableLimitError, type TableLimits } from './table-limits.ts';

/** One file in a zip archive as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads the central directory only (no inflating): the sizes it declares are checked before anything is
 * unpacked, and `inflateEntry` also caps the real output at the declared size, so a lying header cannot
 * inflate more either.
 */
export function readZipDirectory(bytes: Buffer): Map<string, ZipEntry> {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fileUnreadable('berkas XLSX rusak: daftar isi arsip (zip) tidak ditemukan');
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new TableLimitError(
      'zip64',
      'berkas XLSX terlalu besar (format ZIP64); simpan ulang sebagai berkas yang lebih kecil',
    );
  }
  if (offset + size > bytes.length) throw fileUnreadable('berkas XLSX rusak: daftar isi arsip terpotong');
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) {
      throw fileUnreadable('berkas XLSX rusak: entri arsip tidak terbaca');
    }
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const uncompressedSize = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const localHeaderOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLength);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      throw new TableLimitError(
        'zip64',
        'berkas XLSX terlalu besar (format ZIP64); simpan ulang sebagai berkas yang lebih kecil',
      );
    }
    entries.set(name, { name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses entries whose declared size or compression ratio is beyond the limits; returns the running total. */
export function checkEntry(entry: ZipEntry, limits: TableLimits, inflatedSoFar: number): number {
  const total = inflatedSoFar + entry.uncompressedSize;
  if (total > limits.maxUncompressedBytes) {
    throw new TableLimitError(
      'maxUncompressedBytes',
      `isi berkas XLSX terlalu besar setelah dibuka (${mib(total)} MiB, batas ${mib(limits.maxUncompressedBytes)} MiB); pecah berkas menjadi beberapa bagian`,
      { entry: entry.name, uncompressedBytes: total },
    );
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
    throw new TableLimitError(
      'maxCompressionRatio',
      `berkas XLSX dimampatkan secara tidak wajar (${Math.round(ratio)}:1, batas ${limits.maxCompressionRatio}:1); kemungkinan bom zip, berkas ditolak`,
      { entry: entry.name, ratio: Math.round(ratio) },
    );
  }
  return total;
}

export function inflateEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL) {
    throw fileUnreadable(`berkas XLSX rusak: bagian ${entry.name} tidak terbaca`);
  }
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.subarray(0, entry.uncompressedSize);
  if (entry.method !== 8) throw fileUnreadable(`berkas XLSX memakai pemampatan yang tidak dikenal (${entry.method})`);
  try {
    // The declared size caps the output: an entry that lies about its size stops here, not in memory.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new TableLimitError(
        'maxUncompressedBytes',
        `bagian ${entry.name} lebih besar dari yang dinyatakan arsip; berkas ditolak`,
      );
    }
    throw fileUnreadable(`berkas XLSX rusak: ${entry.name} tidak dapat dibuka (${(error as Error).message})`);
  }
}

function mib(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}
