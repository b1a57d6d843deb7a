// No @netra/core import: this file is loaded by the parsing worker thread, which should start in milliseconds.

/**
 * Bounds on an uploaded sheet. Outside files are hostile: every limit is checked BEFORE the work it bounds
 * (sizes from the zip's central directory before inflating, a column cap before a cell is stored), and the
 * whole read runs in a worker thread with a memory ceiling and a deadline (see read-table-bounded.ts).
 */
export interface TableLimits {
  /** Bytes of the uploaded file. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of the zip entries an XLSX read inflates. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed size of one entry; real sheets stay far below, zip bombs far above. */
  maxCompressionRatio: number;
  /** Data rows (header excluded). */
  maxRows: number;
  /** Columns kept per row; cells further right are ignored (and counted) without being stored. */
  maxColumns: number;
  /** Non-empty cells kept in the whole sheet. */
  maxCells: number;
  /** Worker thread: heap ceiling in MiB and wall-clock deadline. */
  maxMemoryMb: number;
  timeoutMs: number;
}

export const DEFAULT_TABLE_LIMITS: TableLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 80 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 50_000,
  maxColumns: 100,
  maxCells: 2_000_000,
  maxMemoryMb: 384,
  timeoutMs: 20_000,
};

/**
 * A file beyond a limit. `details.limit` names which one (the server answers 413 with it); the message says
 * it in Indonesian with the figure, so the admin knows what to split or trim.
 */
export class TableLimitError extends Error {
  readonly code = 'IMPORT_FILE_TOO_LARGE';
  readonly details: Record<string, unknown>;
  constructor(limit: keyof TableLimits | 'zip64', message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'TableLimitError';
    this.details = { limit, ...details };
  }
}

/** A file that is not a readable sheet; code `IMPORT_FILE_UNREADABLE` (HTTP 400). */
export class TableUnreadableError extends Error {
  readonly code = 'IMPORT_FILE_UNREADABLE';
  readonly details: Record<string, unknown> = {};
}

export function fileUnreadable(message: string): TableUnreadableError {
  return new TableUnreadableError(message);
}
