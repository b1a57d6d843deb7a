import { execFile, spawn } from 'node:child_process';
import { OcrError } from './ocr-error.ts';

/** One word as Tesseract's TSV gives it, in the pixel space of the image it was given. */
export interface RawWord {
  text: string;
  /** 0–100. */
  confidence: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** block/paragraph/line numbers: words of one line share them (text is rebuilt line by line). */
  line: string;
}

/**
 * Parses `tesseract … tsv` output: level-5 rows are words. Empty words and Tesseract's `-1` confidence rows
 * (blocks, lines) are skipped.
 */
export function parseTsv(tsv: string): RawWord[] {
  const out: RawWord[] = [];
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').trim();
    const confidence = Number(cols[10]);
    if (!text || !Number.isFinite(confidence) || confidence < 0) continue;
    out.push({
      text,
      confidence,
      left: Number(cols[6]),
      top: Number(cols[7]),
      width: Number(cols[8]),
      height: Number(cols[9]),
      line: `${cols[1]}.${cols[2]}.${cols[3]}.${cols[4]}`,
    });
  }
  return out;
}

export interface TesseractOptions {
  binary: string;
  /** Tesseract language spec, `ind+eng` (Debian's tesseract-ocr-ind and -eng data). */
  languages: string;
  /** Page segmentation mode: 11 = sparse text, which finds scattered poster words that mode 3 merges or drops. */
  psm: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * Runs the tesseract program on one PNG given on stdin and returns its words. One thread per process
 * (OMP_THREAD_LIMIT=1): the worker scales by processes, and OpenMP threads fighting over the same cores made
 * every image slower.
 */
export function runTesseract(png: Buffer, options: TesseractOptions): Promise<RawWord[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      options.binary,
      ['stdin', 'stdout', '-l', options.languages, '--psm', String(options.psm), '--oem', '1', 'tsv'],
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const stdout: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new OcrError('OCR_TIMEOUT', `tesseract ran longer than ${options.timeoutMs} ms`)));
    }, options.timeoutMs);
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(() => reject(new OcrError('OCR_TIMEOUT', 'reading the image was cancelled (timeout)')));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          error.code === 'ENOENT'
            ? new OcrError('OCR_ENGINE_MISSING', `${options.binary} not found`)
            : new OcrError('OCR_ENGINE_FAILED', error.message),
        ),
      );
    });
    child.on('close', (code) => {
      finish(() => {
        if (code === 0) resolve(parseTsv(Buffer.concat(stdout).toString('utf8')));
        else if (/Failed loading language|Error opening data file/i.test(stderr))
          reject(new OcrError('OCR_ENGINE_MISSING', `language data ${options.languages} missing: ${stderr.trim()}`));
        else reject(new OcrError('OCR_ENGINE_FAILED', `exit ${code}: ${stderr.trim().slice(0, 500)}`));
      });
    });
    // EPIPE when tesseract dies before reading all of stdin is reported by 'close' with its exit code.
    child.stdin.on('error', () => {});
    child.stdin.end(png);
  });
}

const versions = new Map<string, Promise<string>>();

/** `tesseract 5.3.0` as the program reports it (cached per binary); recorded with every result. */
export function tesseractVersion(binary: string): Promise<string> {
  let v = versions.get(binary);
  if (!v) {
    v = new Promise<string>((resolve, reject) => {
      execFile(binary, ['--version'], { timeout: 10_000 }, (error, stdout, stderr) => {
        const first = `${stdout}\n${stderr}`.split('\n').find((l) => /^tesseract\s/i.test(l.trim()));
        if (first) resolve(first.trim());
        else reject(new OcrError('OCR_ENGINE_MISSING', `${binary} --version: ${error?.message ?? 'no version line'}`));
      });
    });
    v.catch(() => versions.delete(binary));
    versions.set(binary, v);
  }
  return v;
}
