import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { dispatch } from '../dispatch.ts';
import { commands } from './index.ts';

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

describe('netra watchlist / registry import and export', () => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'netra-cli-'));
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  async function run(argv: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const io: CliIO = {
      stdin: Readable.from(['']),
      stdout,
      stderr,
      env: { DATABASE_URL: database.url, NETRA_ACTOR: 'ops' },
    };
    const code = await dispatch(commands, argv, io);
    return { code, stdout: out(), stderr: err() };
  }

  it('dry-runs, imports, re-imports unchanged and exports a watchlist file', async () => {
    const file = join(dir, 'opd.csv');
    writeFileSync(
      file,
      '\ufeffNama;NIP;Instansi;Jabatan;Kode Wilayah;Platform;Akun\n' +
        'Suryadi;197805122005011003;Pemkab Mesuji;Guru;18.11;facebook;suryadi.guru\n' +
        'Salah;197805122005011;Pemkab Mesuji;Guru;18.11;facebook;salah\n',
    );
    const dry = await run(['watchlist', 'import', file, '--dry-run']);
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain('ASN / people:    baru 1');
    expect(dry.stdout).toContain('baris 3, kolom "NIP"');
    expect(await database.db.selectFrom('people').selectAll().execute()).toEqual([]);

    expect((await run(['watchlist', 'import', file])).code).toBe(3);
    const again = await run(['watchlist', 'import', file, '--json']);
    expect(JSON.parse(again.stdout).people).toEqual({ create: 0, update: 0, unchanged: 1 });
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.create').execute();
    expect(audit.map((a) => a.actor_username)).toEqual(['cli:ops']);

    const out = join(dir, 'export.xlsx');
    expect((await run(['watchlist', 'export', out])).code).toBe(0);
    const reimport = await run(['watchlist', 'import', out, '--dry-run', '--json']);
    expect(reimport.code).toBe(0);
    expect(JSON.parse(reimport.stdout).accounts).toEqual({ create: 0, update: 0, unchanged: 1 });
  });

  it('imports and exports the registry; a bad file names path and line', async () => {
    const corpus = new URL('../../../../data/corpus/elections.json', import.meta.url);
    const result = await run(['registry', 'import', corpus.pathname]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = join(dir, 'registry.json');
    expect((await run(['registry', 'export', out])).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    expect(exported.contests.length).toBe(JSON.parse(readFileSync(corpus, 'utf8')).contests.length);

    exported.contests[0].candidates[0].number = 0;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(exported, null, 2));
    const refused = await run(['registry', 'import', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/bad\.json:\d+:\d+ contests\[0\]\.candidates\[0\]\.number: /);
  });
});
