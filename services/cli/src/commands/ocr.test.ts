import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { ocrCommand } from './ocr.ts';

const ELECTIONS = new URL('../../../../data/corpus/elections.json', import.meta.url).pathname;

async function run(command: typeof ocrCommand, argv: string[], input = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const io: CliIO = { stdin: Readable.from([input]), stdout, stderr, env: {} };
  const code = await command.run(argv, io);
  return {
    code,
    lines: out
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: err.join(''),
  };
}

describe('netra ocr', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netra-ocr-cli-'));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="400"><rect width="700" height="400" fill="#0a7d3b"/>
<text x="40" y="120" font-family="DejaVu Sans" font-weight="bold" font-size="58" fill="#fff">PILIH NOMOR 3</text>
<text x="40" y="230" font-family="DejaVu Sans" font-weight="bold" font-size="52" fill="#fff">YUSUF KURNIAWAN</text>
<text x="40" y="330" font-family="DejaVu Sans" font-size="44" fill="#fff">#YakinMesujiMaju</text></svg>`;
    await sharp(Buffer.from(svg)).png().toFile(join(dir, 'poster.png'));
    writeFileSync(join(dir, 'broken.jpg'), Buffer.from('<html>this is not an image</html>'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line per image, in argument order, with words, boxes and the engine; a bad image gets its own error', {
    timeout: 60_000,
  }, async () => {
    const files = [join(dir, 'poster.png'), join(dir, 'broken.jpg'), join(dir, 'missing.png')];
    const { code, lines, stderr } = await run(ocrCommand, files);
    expect(code).toBe(0);
    expect(lines.map((l) => l.file)).toEqual(files);
    const poster = lines[0]!;
    expect(Object.keys(poster).sort()).toEqual(['engine', 'file', 'text', 'words']);
    expect(poster.text).toMatch(/PILIH NOMOR 3/);
    expect(poster.text).toMatch(/YUSUF KURNIAWAN/);
    const words = poster.words as { text: string; confidence: number; box: number[] }[];
    const yusuf = words.find((w) => w.text === 'YUSUF')!;
    expect(yusuf.box).toHaveLength(4);
    expect(yusuf.box[0]).toBeLessThan(60);
    expect(yusuf.confidence).toBeGreaterThan(65);
    expect(poster.engine).toMatch(/tesseract/);
    expect(lines[1]).toMatchObject({ file: files[1], error: { code: 'OCR_IMAGE_MISLABELLED' } });
    expect(lines[2]).toMatchObject({ file: files[2], error: { code: 'OCR_FILE_UNREADABLE' } });
    expect(stderr).toContain('2 of 3');
  });

  it('refuses to run without images or with a bad option', async () => {
    expect((await run(ocrCommand, [])).code).toBe(2);
    expect((await run(ocrCommand, ['--timeout-ms', 'soon', 'a.png'])).code).toBe(2);
  });

  it('netra classify scores an image-only post from imageText, with evidence pointing into the image text', async () => {
    const input = `${JSON.stringify({
      id: 'img1',
      text: '',
      region: '18.11',
      imageText: ['PILIH NOMOR 3\nYUSUF KURNIAWAN\n#YakinMesujiMaju'],
    })}\n${JSON.stringify({ id: 'bad', text: '', imageText: 'not an array' })}\n`;
    const { lines } = await run(classifyCommand, ['--elections', ELECTIONS], input);
    expect(lines[0]).toMatchObject({ id: 'img1', flagged: true, candidate: 'pilbup-mesuji-2024#3' });
    const evidence = lines[0]!.evidence as { start: number; end: number }[];
    expect(evidence.length).toBeGreaterThan(0);
    // The post's own text is empty: every span lies in the image text, after the joining newline.
    for (const e of evidence) expect(e.start).toBeGreaterThanOrEqual(1);
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'CLASSIFY_LINE_INVALID', field: 'imageText' } });
  });
});
