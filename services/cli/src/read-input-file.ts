import { open } from 'node:fs/promises';

/** Why a file given on the command line was not read: it is not a regular file, or it is over the limit. */
export class InputFileRefused extends Error {
  readonly reason: 'not_a_file' | 'too_large';
  constructor(reason: 'not_a_file' | 'too_large', message: string) {
    super(message);
    this.name = 'InputFileRefused';
    this.reason = reason;
  }
}

/**
 * Reads a file named on the command line, refusing before reading anything what the command would refuse
 * after: `readFile` read a 1.5 GB capture whole only to say "over 8 MB", and a device or pipe (`/dev/zero`, a
 * mistyped path into `/proc`) until memory ran out. The size is checked on the open handle, so a file swapped
 * after the check is still read no further than the limit.
 */
export async function readInputFile(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new InputFileRefused('not_a_file', `${path}: bukan berkas biasa / not a regular file`);
    }
    const tooLarge = () =>
      new InputFileRefused(
        'too_large',
        `${path}: lebih dari ${maxBytes} B, batas berkas ini / larger than this file's ${maxBytes}-byte limit`,
      );
    if (stat.size > maxBytes) throw tooLarge();
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge();
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
