/** One line of a stream: its text, or — past the limit — only how long it was (its bytes were never kept). */
export type BoundedLine = { n: number; text: string } | { n: number; tooLongBytes: number };

/**
 * Lines of a stream with each line's memory bounded: a line longer than `maxLineBytes` (a file with no
 * newline, a 1 GB line) is skipped as it streams past and reported by number, instead of being gathered whole
 * as `readline` does — 300 MB took 1.2 GB of memory, and past V8's longest string the command died.
 * Invalid UTF-8 reads as U+FFFD; a BOM at the start of a line (a file saved by a Windows editor) and the CR
 * of a CRLF are dropped.
 */
export async function* boundedLines(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<BoundedLine> {
  // `fatal: false`: invalid bytes become U+FFFD; a BOM is dropped at the start of each decoded line.
  const decoder = new TextDecoder('utf-8');
  let parts: Buffer[] = [];
  let size = 0;
  let n = 0;
  const end = (): BoundedLine => {
    n++;
    if (size > maxLineBytes) return { n, tooLongBytes: size };
    let bytes = Buffer.concat(parts, size);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    return { n, text: decoder.decode(bytes) };
  };
  const keep = (piece: Buffer) => {
    size += piece.length;
    if (size <= maxLineBytes) parts.push(piece);
    else parts = [];
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, from)) {
      keep(bytes.subarray(from, at));
      yield end();
      parts = [];
      size = 0;
      from = at + 1;
    }
    if (from < bytes.length) keep(bytes.subarray(from));
  }
  if (size > 0) yield end();
}
