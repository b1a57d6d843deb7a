import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3StoreOptions } from '../evidence/s3-artefact-store.ts';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface S3TestServer {
  /** Settings for an `S3ArtefactStore` (or the EVIDENCE_STORE=s3 variables) pointing at this server. */
  options: S3StoreOptions;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver: an independent implementation of the S3 REST API; it checks the
 * access key id, not the SigV4 signature itself) in this process, on a free loopback port, with one empty
 * bucket. For tests only.
 */
export async function startS3TestServer(bucket = 'netra-evidence'): Promise<S3TestServer> {
  // s3rver is CommonJS without type declarations; a dev dependency of this package only.
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = mkdtempSync(join(tmpdir(), 'netra-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  const options: S3StoreOptions = {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    region: 'us-east-1',
    // s3rver's fixed credentials: a request with another access key id is refused.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    prefix: 'evidence/',
  };
  return {
    options,
    env: {
      EVIDENCE_STORE: 's3',
      S3_ENDPOINT: options.endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: options.accessKeyId,
      S3_SECRET_ACCESS_KEY: options.secretAccessKey,
      S3_PREFIX: options.prefix,
    },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
