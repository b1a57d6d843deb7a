import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { isNetraError } from '@netra/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type S3TestServer, startS3TestServer } from '../testing/s3-test-server.ts';
import { ArtefactStore } from './artefact-store.ts';
import { evidenceConfigShape, openEvidenceStore } from './evidence-config.ts';
import { S3ArtefactStore } from './s3-artefact-store.ts';

describe('S3ArtefactStore against a local S3-compatible server', () => {
  let s3: S3TestServer;
  let store: S3ArtefactStore;
  let diskRoot: string;
  beforeAll(async () => {
    s3 = await startS3TestServer();
    store = new S3ArtefactStore(s3.options);
    diskRoot = await mkdtemp(join(tmpdir(), 'netra-disk-'));
  });
  afterAll(async () => {
    store?.close();
    await s3?.close();
    if (diskRoot) await rm(diskRoot, { recursive: true, force: true });
  });

  it('stores bytes under their hash and gives the same reference as the disk store', async () => {
    const at = new Date('2024-11-27T02:00:00Z');
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
    const ref = await store.put('screenshot', bytes, 'image/png', at);
    const diskRef = await new ArtefactStore(diskRoot).put('screenshot', bytes, 'image/png', at);
    expect(ref).toEqual(diskRef);
    expect(await store.read(ref)).toEqual(bytes);
    expect(await store.verify(ref)).toMatchObject({ ok: true });
    // Writing the same bytes again is harmless and yields the same reference.
    expect(await store.put('screenshot', bytes, 'image/png', at)).toEqual(ref);
  });

  it('reports a missing object and a replaced one', async () => {
    const ref = await store.put('html', '<p>bukti asli</p>', 'text/html; charset=utf-8');
    const missing = { sha256: 'f'.repeat(64) };
    expect(await store.read(missing)).toBeNull();
    expect(await store.verify(missing)).toMatchObject({ ok: false, reason: 'missing' });
    // Someone overwrites the object behind Netra's back: verify notices.
    const client = new S3Client({
      endpoint: s3.options.endpoint,
      region: s3.options.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.options.accessKeyId, secretAccessKey: s3.options.secretAccessKey },
    });
    await client.send(
      new PutObjectCommand({
        Bucket: s3.options.bucket,
        Key: `${s3.options.prefix}${ref.path}`,
        Body: '<p>bukti palsu</p>',
      }),
    );
    client.destroy();
    expect(await store.verify(ref)).toMatchObject({ ok: false, reason: 'hash_mismatch' });
  });

  it('is refused by the server with an unknown access key', async () => {
    const wrong = new S3ArtefactStore({ ...s3.options, accessKeyId: 'NOBODY', secretAccessKey: 'not-the-secret' });
    await expect(wrong.put('json', '{}', 'application/json')).rejects.toThrow();
    wrong.close();
  });
});

describe('openEvidenceStore', () => {
  const parse = (env: Record<string, string>) => z.object(evidenceConfigShape).parse(env);

  it('keeps evidence on disk by default', () => {
    expect(openEvidenceStore(parse({}), '/tmp/x')).toBeInstanceOf(ArtefactStore);
  });

  it('selects S3 by configuration and names every missing S3 variable', () => {
    try {
      openEvidenceStore(parse({ EVIDENCE_STORE: 's3', S3_BUCKET: 'b' }), '/tmp/x');
      expect.unreachable();
    } catch (error) {
      expect(isNetraError(error) && error.code).toBe('CONFIG_INVALID');
      expect((error as Error).message).toContain('S3_ENDPOINT');
      expect((error as Error).message).toContain('S3_SECRET_ACCESS_KEY');
      expect((error as Error).message).not.toContain('S3_BUCKET:');
    }
    const store = openEvidenceStore(
      parse({
        EVIDENCE_STORE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 's',
      }),
      '/tmp/x',
    );
    expect(store).toBeInstanceOf(S3ArtefactStore);
  });
});
