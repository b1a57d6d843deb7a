import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './private-redis.ts';

export interface PrivateRedisCluster {
  ports: number[];
  /** A URL of one node: a cluster client discovers the others from it. */
  url: string;
  stop(): Promise<void>;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis cluster: ${what} did not happen in 20 s`);
}

/**
 * A throwaway Redis Cluster for tests: `nodes` redis-server processes (cluster mode, loopback, nothing on
 * disk that outlives it) joined with `redis-cli --cluster create`, all slots covered, no replicas.
 */
export async function startPrivateRedisCluster(nodes = 3): Promise<PrivateRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-redis-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < nodes; i++) ports.push(await freePort());
  const children: ChildProcess[] = ports.map((port) => {
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir);
    return spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        nodeDir,
      ],
      { stdio: 'ignore' },
    );
  });
  const cli = (args: string[]) => execFileSync('redis-cli', args, { encoding: 'utf8', stdio: 'pipe' });
  const answers = (port: number) => {
    try {
      return cli(['-p', String(port), 'ping']).includes('PONG');
    } catch {
      return false;
    }
  };
  try {
    for (const port of ports) await until(() => answers(port), `node ${port} answering`);
    cli(['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    await until(
      () => cli(['-p', String(ports[0]), 'cluster', 'info']).includes('cluster_state:ok'),
      'cluster_state:ok',
    );
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ports,
    url: `redis://127.0.0.1:${ports[0]}`,
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
