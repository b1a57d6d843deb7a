import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { describeError } from '@netra/classifier';
import { isOcrError, OCR_DEFAULTS, readImageFile } from '@netra/ocr';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'ocr [--timeout-ms 60000] [--max-bytes 15728640] [--concurrency N] <image>…';

function write(io: CliIO, line: string): Promise<void> | undefined {
  if (io.stdout.write(`${line}\n`)) return undefined;
  return new Promise((resolve) => io.stdout.once('drain', () => resolve()));
}

/** Runs `fn` over `items` with at most `limit` at once; results come out in input order. `fn` must not reject. */
export async function* inOrder<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (running < Math.max(1, limit)) {
      running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const results = items.map((item) => acquire().then(() => fn(item).finally(release)));
  for (const r of results) yield await r;
}

/**
 * `netra ocr <image>…`: one JSON line per image, in argument order — `{"file","text","words":[{"text",
 * "confidence","box":[x,y,w,h]}],"engine"}` — or `{"file","error":{"code","message"}}` for an image that cannot
 * be read (corrupt, too large, animated, mislabelled); the other images go on.
 */
export const ocrCommand: Command = {
  path: ['ocr'],
  summary: 'Read the text in images (Tesseract ind+eng): one JSON line per image',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values: { 'timeout-ms'?: string; 'max-bytes'?: string; concurrency?: string };
    let files: string[];
    try {
      ({ values, positionals: files } = parseArgs({
        args: argv,
        options: {
          'timeout-ms': { type: 'string' },
          'max-bytes': { type: 'string' },
          concurrency: { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(`${describeError(error)}\nusage: netra ${USAGE}\n`);
      return 2;
    }
    const int = (name: string, raw: string | undefined, fallback: number) => {
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer (got ${raw})`);
      return n;
    };
    let timeoutMs: number;
    let maxBytes: number;
    let concurrency: number;
    try {
      timeoutMs = int('timeout-ms', values['timeout-ms'], OCR_DEFAULTS.timeoutMs);
      maxBytes = int('max-bytes', values['max-bytes'], OCR_DEFAULTS.maxBytes);
      concurrency = int('concurrency', values.concurrency, availableParallelism());
    } catch (error) {
      io.stderr.write(`${describeError(error)}\nusage: netra ${USAGE}\n`);
      return 2;
    }
    if (files.length === 0) {
      io.stderr.write(`no image given\nusage: netra ${USAGE}\n`);
      return 2;
    }
    let bad = 0;
    const read = async (file: string) => {
      try {
        const r = await readImageFile(file, { timeoutMs, maxBytes });
        return JSON.stringify({ file, text: r.text, words: r.words, engine: r.engine });
      } catch (error) {
        bad++;
        const code = isOcrError(error) ? error.code : 'OCR_FILE_UNREADABLE';
        const message = error instanceof Error ? error.message : String(error);
        return JSON.stringify({ file, error: { code, message } });
      }
    };
    for await (const line of inOrder(files, concurrency, read)) await write(io, line);
    if (bad > 0) io.stderr.write(`${bad} of ${files.length} image(s) could not be read\n`);
    // An engine that is not installed fails every image alike: say so with a non-zero exit.
    return bad === files.length ? 1 : 0;
  },
};
