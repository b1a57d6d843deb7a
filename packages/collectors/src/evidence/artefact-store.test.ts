import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evidenceArtefactRefSchema } from '@netra/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtefactStore } from './artefact-store.ts';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('ArtefactStore', () => {
  it('stores bytes under sha256/<first two hex>/<hash> and returns a valid reference', async () => {
    root = await mkdtemp(join(tmpdir(), 'netra-artefacts-'));
    const store = new ArtefactStore(root);
    const ref = await store.put('html', '<div>bukti</div>', 'text/html; charset=utf-8');
    expect(evidenceArtefactRefSchema.parse(ref)).toEqual(ref);
    expect(ref.path).toBe(`sha256/${ref.sha256.slice(0, 2)}/${ref.sha256}`);
    expect(ref.bytes).toBe(Buffer.byteLength('<div>bukti</div>'));
    expect((await store.read(ref))!.toString()).toBe('<div>bukti</div>');
  });

  it('writes the same content once however often it is put', async () => {
    root = await mkdtemp(join(tmpdir(), 'netra-artefacts-'));
    const store = new ArtefactStore(root);
    const a = await store.put('screenshot', Buffer.from([1, 2, 3]), 'image/png');
    const b = await store.put('screenshot', Buffer.from([1, 2, 3]), 'image/png');
    expect(b.sha256).toBe(a.sha256);
    expect(await readdir(join(root, 'sha256', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
  });

  it('verifies integrity by re-hashing and detects tampered or missing files', async () => {
    root = await mkdtemp(join(tmpdir(), 'netra-artefacts-'));
    const store = new ArtefactStore(root);
    const ref = await store.put('html', 'asli', 'text/html');
    expect(await store.verify(ref)).toMatchObject({ ok: true });
    await writeFile(store.absolutePathFor(ref.sha256), 'palsu');
    expect(await store.verify(ref)).toMatchObject({ ok: false, reason: 'hash_mismatch' });
    expect(await store.verify({ sha256: 'f'.repeat(64) })).toMatchObject({ ok: false, reason: 'missing' });
  });
});
