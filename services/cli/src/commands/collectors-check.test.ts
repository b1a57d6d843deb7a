import { PassThrough, Readable } from 'node:stream';
import { latestCanaryResults } from '@netra/db';
import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { type DemoPlatform, demoEdgeCases, startDemoPlatform } from '@netra/demo-platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { dispatch } from '../dispatch.ts';
import { commands } from './index.ts';

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** `netra collectors check` in real Chromium against the demo platform. */
describe('netra collectors check', () => {
  let demo: DemoPlatform;
  let database: TestDatabase;
  beforeAll(async () => {
    demo = await startDemoPlatform();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await demo?.close();
    await database?.drop();
  });

  async function run(argv: string[], env: Record<string, string>) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const io: CliIO = { stdin: Readable.from(['']), stdout, stderr, env };
    const code = await dispatch(commands, ['collectors', 'check', ...argv], io);
    return { code, stdout: out(), stderr: err() };
  }

  it('reports one verdict per configured platform and fails when one is not recognised', {
    timeout: 60_000,
  }, async () => {
    const result = await run([], {
      DATABASE_URL: database.url,
      PLATFORM_ORIGINS: JSON.stringify(demo.origins),
      COLLECTOR_CANARY_ACCOUNTS: JSON.stringify({
        facebook: 'https://www.facebook.com/suryadi.guru.mesuji',
        x: demoEdgeCases.loginWallX.profileUrl,
      }),
    });
    expect(result.stderr).toBe('');
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.platform, l.verdict, l.definitionVersion])).toEqual([
      ['facebook', 'recognised', 'facebook-page/2026.11.1'],
      ['x', 'walled', 'x-page/2026.11.1'],
    ]);
    expect(result.code).toBe(1);
    // Stored for the crawls page: the latest verdict per platform.
    const stored = await latestCanaryResults(database.db);
    expect(stored.map((r) => [r.platform, r.verdict, r.definition_version])).toEqual([
      ['facebook', 'recognised', 'facebook-page/2026.11.1'],
      ['x', 'walled', 'x-page/2026.11.1'],
    ]);
    expect(stored[0]!.checked_at.toISOString()).toBe(lines[0].checkedAt);
    const one = await run(['--platform', 'x', '--account', 'https://x.com/hendrowibowo_'], {
      DATABASE_URL: database.url,
      PLATFORM_ORIGINS: JSON.stringify(demo.origins),
    });
    expect(one.code).toBe(0);
    const latest = await latestCanaryResults(database.db);
    expect(latest.find((r) => r.platform === 'x')?.verdict).toBe('recognised');
  });

  it('refuses an API platform and an empty configuration with exit 2', async () => {
    expect((await run(['--platform', 'bluesky', '--account', 'https://bsky.app/profile/a.bsky.social'], {})).code).toBe(
      2,
    );
    const empty = await run([], {});
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('COLLECTOR_CANARY_ACCOUNTS');
  });
});
