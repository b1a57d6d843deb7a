/** A sheet as rows of cell strings; row 0 is the header. `rowNumbers[i]` is the 1-based line/row in the file. */
export interface Table {
  format: 'csv' | 'xlsx';
  rows: string[][];
  rowNumbers: number[];
  delimiter?: ',' | ';' | '\t';
  /** Non-empty cells right of the column cap, skipped unread (reported in the plan's warnings). */
  ignoredCells?: number;
}

export type TableFormat = 'csv' | 'xlsx';
