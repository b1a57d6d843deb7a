import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { classifyCommand } from './classify.ts';

const ELECTIONS = new URL('../../../../data/corpus/elections.json', import.meta.url).pathname;

async function runClassify(input: string | Iterable<Buffer>, argv = ['--elections', ELECTIONS]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: string[] = [];
  const errs: string[] = [];
  stdout.on('data', (c) => chunks.push(String(c)));
  stderr.on('data', (c) => errs.push(String(c)));
  const stdin = typeof input === 'string' ? Readable.from([input]) : Readable.from(input);
  const io: CliIO = { stdin, stdout, stderr, env: {} };
  const code = await classifyCommand.run(argv, io);
  const lines = chunks.join('').split('\n').filter(Boolean);
  return { code, lines: lines.map((l) => JSON.parse(l) as Record<string, unknown>), stderr: errs.join('') };
}

describe('netra classify', () => {
  it('writes one JSON line per input post with the id and all result fields', async () => {
    const { code, lines } = await runClassify('{"id":"p1","text":"Coblos nomor 2 ya ✌️","region":"18.11"}\n');
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ id: 'p1', flagged: true, candidate: 'pilbup-mesuji-2024#2', stance: 'pro' });
    for (const k of ['score', 'category', 'evidence', 'language', 'modelVersion']) expect(lines[0]).toHaveProperty(k);
  });
  it('answers bad lines with an error line naming the line and field, and carries on', async () => {
    const input = [
      '{"id":"a","text":"Ayo ke TPS","region":"18.11"}',
      '{not json',
      '{"id":"b"}',
      '{"id":"c","text":"halo","region":"Mesuji"}',
      '{"id":"d","text":"Pilih nomor 1!","region":"18"}',
    ].join('\n');
    const { code, lines, stderr } = await runClassify(input);
    expect(code).toBe(0);
    expect(lines.map((l) => l.id ?? null)).toEqual(['a', null, 'b', 'c', 'd']);
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'CLASSIFY_LINE_INVALID_JSON', field: null } });
    expect(lines[2]).toMatchObject({ line: 3, error: { code: 'CLASSIFY_LINE_INVALID', field: 'text' } });
    expect(lines[3]).toMatchObject({ line: 4, error: { code: 'CLASSIFY_LINE_INVALID', field: 'region' } });
    expect(lines[4]).toMatchObject({ id: 'd', flagged: true, candidate: 'pilgub-lampung-2024#1' });
    expect(stderr).toContain('3 of 5');
  });
  it('accepts null reply-context fields as absent', async () => {
    const input =
      '{"id":"r","text":"Siap pak!","kind":"comment","region":"18.08","context":{"parentText":"Halo","parentCandidate":null}}';
    const { lines } = await runClassify(input);
    expect(lines[0]).toHaveProperty('score');
  });
  it('reads postedAt: a dated post shows how its date matched the contest, a bad one is a field error', async () => {
    const input = [
      '{"id":"t1","text":"Coblos nomor 2 ya ✌️","region":"18.11","postedAt":"2024-10-05T10:00:00+07:00"}',
      '{"id":"t2","text":"Coblos nomor 2 ya ✌️","region":"18.11","postedAt":"2024-10-05"}',
      '{"id":"t3","text":"Coblos nomor 2 ya ✌️","region":"18.11","postedAt":null}',
    ].join('\n');
    const { lines, stderr } = await runClassify(input);
    expect(lines[0]).toMatchObject({
      id: 't1',
      candidate: 'pilbup-mesuji-2024#2',
      contestTiming: { contest: 'pilbup-mesuji-2024', postedOn: '2024-10-05', phase: 'during', decided: false },
    });
    expect(lines[1]).toMatchObject({ line: 2, id: 't2', error: { code: 'CLASSIFY_LINE_INVALID', field: 'postedAt' } });
    expect((lines[1]!.error as { message: string }).message).toContain('postedAt');
    expect(lines[2]).toMatchObject({ id: 't3', candidate: 'pilbup-mesuji-2024#2' });
    expect(lines[2]).not.toHaveProperty('contestTiming');
    expect(stderr).toContain('1 of 3');
  });
  it('reports a line longer than V8 can hold as one error line, without gathering it, and reads on', async () => {
    // 600 MiB without a newline, made lazily from one 1 MiB block: readline gathered it into one string, which
    // V8 cannot hold (~512 MiB), so the whole stream died; 300 MB of it took 1.2 GB of memory.
    const block = Buffer.alloc(1024 * 1024, 0x61);
    function* input() {
      yield Buffer.from('{"id":"a","text":"Ayo ke TPS"}\n{"id":"big","text":"');
      for (let i = 0; i < 600; i++) yield block;
      yield Buffer.from('"}\n{"id":"c","text":"Coblos nomor 2 ya","region":"18.11"}\n');
    }
    const { code, lines, stderr } = await runClassify(input());
    expect(code).toBe(0);
    expect(lines.map((l) => l.id ?? l.line)).toEqual(['a', 2, 'c']);
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'CLASSIFY_LINE_TOO_LONG', field: null } });
    expect((lines[1]!.error as { message: string }).message).toContain(`${600 * 1024 * 1024 + 22} B`);
    expect(stderr).toContain('1 of 3');
  }, 60_000);
  it('reads a BOM, CRLF line ends, invalid UTF-8 and a last line without newline', async () => {
    const input = [
      Buffer.from('\ufeff{"id":"bom","text":"halo"}\r\n'),
      Buffer.from([...Buffer.from('{"id":"bad-utf8","text":"o'), 0xff, 0xc3, ...Buffer.from('k"}\r\n')]),
      Buffer.from('{"id":"last","text":"Coblos'),
      Buffer.from(' nomor 2"}'),
    ];
    const { lines, stderr } = await runClassify(input);
    expect(lines.map((l) => l.id)).toEqual(['bom', 'bad-utf8', 'last']);
    expect(lines.every((l) => !('error' in l))).toBe(true);
    expect(stderr).toBe('');
  });
  it('exits 2 with usage when --elections is missing', async () => {
    const { code, lines, stderr } = await runClassify('', []);
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toContain('--elections');
  });
  it('reads the registry file like the CLI’s other files: BOM dropped, size and depth bounded, named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-classify-registry-'));
    try {
      // Saved by a Windows editor: a BOM before the JSON. It was "not valid JSON" before.
      const bom = join(dir, 'bom.json');
      writeFileSync(bom, `\ufeff${readFileSync(ELECTIONS, 'utf8')}`);
      const read = await runClassify('{"id":"p1","text":"Coblos nomor 2 ya ✌️","region":"18.11"}\n', [
        '--elections',
        bom,
      ]);
      expect(read.stderr).toBe('');
      expect(read.lines[0]).toMatchObject({ id: 'p1', candidate: 'pilbup-mesuji-2024#2' });
      // Past the limit: refused before reading, naming the file and the limit (it was read whole before).
      const huge = join(dir, 'huge.json');
      writeFileSync(huge, '{}');
      truncateSync(huge, 100_000_000); // sparse: no disk used
      const large = await runClassify('', ['--elections', huge]);
      expect(large.code).toBe(1);
      expect(large.stderr).toContain('REGISTRY_FILE_REFUSED');
      expect(large.stderr).toContain(huge);
      expect(large.stderr).toContain('80000000');
      // Nested past any registry's depth: refused by the linear check, naming the file and the limit.
      const deep = join(dir, 'deep.json');
      writeFileSync(deep, `{"contests":[{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`);
      const nested = await runClassify('', ['--elections', deep]);
      expect(nested.code).toBe(1);
      expect(nested.stderr).toContain(`REGISTRY_INVALID: registry ${deep}`);
      expect(nested.stderr).toContain('32');
      // A directory is not a registry file.
      const notFile = await runClassify('', ['--elections', dir]);
      expect(notFile.code).toBe(1);
      expect(notFile.stderr).toContain('not a regular file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('exits 1 with the error code when the registry cannot be read', async () => {
    const { code, stderr } = await runClassify('', ['--elections', '/nonexistent.json']);
    expect(code).toBe(1);
    expect(stderr).toContain('REGISTRY_MISSING');
  });
});
