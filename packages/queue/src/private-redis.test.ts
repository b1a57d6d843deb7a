import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPrivateRedis } from './private-redis.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startPrivateRedis', () => {
  const path = process.env.PATH;
  const dirs: string[] = [];
  afterEach(() => {
    process.env.PATH = path;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('stops a redis-server that does not report ready in time instead of leaving it running', async () => {
    // A stand-in redis-server on PATH: answers the version probe, then never reports ready (as a real one on a
    // machine too loaded to start within the limit), writing its process id where the test can read it.
    const bin = mkdtempSync(join(tmpdir(), 'netra-fake-redis-'));
    dirs.push(bin);
    const pidFile = join(bin, 'pid');
    writeFileSync(
      join(bin, 'redis-server'),
      `#!/bin/sh\n[ "$1" = --version ] && { echo 'Redis server v=7'; exit 0; }\necho $$ > ${pidFile}\nexec sleep 600\n`,
    );
    chmodSync(join(bin, 'redis-server'), 0o755);
    process.env.PATH = `${bin}:${path}`;
    await expect(startPrivateRedis({ dir: join(bin, 'data'), startTimeoutMs: 1_000 })).rejects.toMatchObject({
      code: 'REDIS_START_FAILED',
    });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // SIGKILL is delivered at once; the process is gone once the kernel has reaped it (it is our child).
    await expect.poll(() => alive(pid), { timeout: 30_000, interval: 50 }).toBe(false);
  });
});
