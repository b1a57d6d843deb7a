import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { insertUser } from '@netra/db';
import { createTestDatabase, insertWatchedAccount, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { dispatch } from '../dispatch.ts';
import { commands } from './index.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

describe('netra tip add', () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-tip-cli-'));
    for (const role of ['analyst', 'viewer'] as const) {
      await insertUser(database.db, { username: `u-${role}`, displayName: role, passwordHash: 'x', role });
    }
    await insertWatchedAccount(database.db, { platform: 'x', handle: 'kades_maju' });
    writeFileSync(join(dir, 'shot.png'), PNG);
    writeFileSync(join(dir, 'not-image.png'), 'GIF89a but not really');
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function run(argv: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const io: CliIO = {
      stdin: Readable.from(['']),
      stdout,
      stderr,
      env: { DATABASE_URL: database.url, NETRA_ACTOR: 'ops', EVIDENCE_DIR: join(dir, 'evidence') },
    };
    const code = await dispatch(commands, ['tip', 'add', ...argv], io);
    return { code, stdout: out(), stderr: err() };
  }

  it('stores the capture, links the watched account and opens a review item', async () => {
    const result = await run([
      '--by',
      'u-analyst',
      '--url',
      'https://x.com/kades_maju/status/123',
      '--screenshot',
      join(dir, 'shot.png'),
      '--text',
      'Mari dukung',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ created: true, platform: 'x' });
    expect(out.accountId).not.toBeNull();
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', out.tipId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_username: 'cli:ops', action: 'tip.submit', actor_id: null });
    const verify = await dispatch(commands, ['evidence', 'verify', '--post', out.postId], {
      stdin: Readable.from(['']),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      env: { DATABASE_URL: database.url, EVIDENCE_DIR: join(dir, 'evidence') },
    });
    expect(verify).toBe(0);
  });

  it('refuses a viewer as submitter and a fake image, naming the flag or field', async () => {
    const viewer = await run(['--by', 'u-viewer', '--url', 'https://x.com/kades_maju/status/124', '--text', 'x']);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('--by');
    const fake = await run([
      '--by',
      'u-analyst',
      '--url',
      'https://x.com/kades_maju/status/125',
      '--screenshot',
      join(dir, 'not-image.png'),
    ]);
    expect(fake.code).toBe(1);
    expect(fake.stderr).toContain('TIP_IMAGE_TYPE');
    expect(fake.stderr).toContain('screenshot');
    expect((await run(['--url', 'https://x.com/a/status/1'])).code).toBe(2);
  });

  const tipWith = (flag: string, path: string) =>
    run(['--by', 'u-analyst', '--url', 'https://x.com/kades_maju/status/126', flag, path]);

  it('refuses a capture past the limit before reading it, naming the flag (fourth attack)', async () => {
    // Under 2 GiB, readFile read a capture whole before the 8 MB check; past it, it failed as "unreadable".
    const huge = join(dir, 'huge.png');
    writeFileSync(huge, PNG);
    truncateSync(huge, 3 * 1024 ** 3); // sparse: no disk used
    const large = await tipWith('--screenshot', huge);
    expect(large.code).toBe(1);
    expect(large.stderr).toContain('TIP_UPLOAD_TOO_LARGE');
    expect(large.stderr).toContain('--screenshot');
  });

  it('refuses a device as a capture instead of reading it until memory runs out (fourth attack)', async () => {
    // readFile('/dev/zero') never ends: the process died of a fatal out-of-memory error.
    const device = await tipWith('--html', '/dev/zero');
    expect(device.code).toBe(1);
    expect(device.stderr).toContain('TIP_FILE_UNREADABLE');
    expect(device.stderr).toContain('--html');
    expect(device.stderr).toContain('not a regular file');
  });
});
