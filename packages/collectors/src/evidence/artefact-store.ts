import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { type EvidenceArtefactRef, evidenceArtefactRefSchema, parseOrThrow } from '@netra/core';

export type ArtefactKind = EvidenceArtefactRef['kind'];

export interface ArtefactIntegrity {
  ok: boolean;
  expected: string;
  actual: string | null;
  reason?: 'missing' | 'hash_mismatch' | 'size_mismatch';
}

/**
 * Where evidence lives, whatever the medium: local disk (`ArtefactStore`, the default) or an S3-compatible
 * bucket (`S3ArtefactStore`). Content-addressed by SHA-256, so writing the same bytes twice is harmless and
 * `verify` proves the stored bytes are the ones referenced.
 */
export interface EvidenceStore {
  put(
    kind: ArtefactKind,
    data: Uint8Array | string,
    mediaType: string,
    capturedAt?: Date,
  ): Promise<EvidenceArtefactRef>;
  /** The stored bytes, or null when nothing is stored under that hash. */
  read(ref: Pick<EvidenceArtefactRef, 'sha256'>): Promise<Buffer | null>;
  verify(
    ref: Pick<EvidenceArtefactRef, 'sha256'> & Partial<Pick<EvidenceArtefactRef, 'bytes'>>,
  ): Promise<ArtefactIntegrity>;
}

/** The reference `put` returns for bytes stored under `path`: the same shape for every store. */
export function artefactRef(
  kind: ArtefactKind,
  bytes: Buffer,
  mediaType: string,
  path: string,
  capturedAt: Date,
): EvidenceArtefactRef {
  return parseOrThrow(
    evidenceArtefactRefSchema,
    {
      kind,
      sha256: ArtefactStore.sha256(bytes),
      bytes: bytes.length,
      mediaType,
      path,
      capturedAt: capturedAt.toISOString(),
    },
    'EVIDENCE_REF_INVALID',
  );
}

/** Compares stored bytes (null: missing) with a reference. */
export function integrityOf(
  ref: Pick<EvidenceArtefactRef, 'sha256'> & Partial<Pick<EvidenceArtefactRef, 'bytes'>>,
  data: Buffer | null,
): ArtefactIntegrity {
  if (!data) return { ok: false, expected: ref.sha256, actual: null, reason: 'missing' };
  const actual = ArtefactStore.sha256(data);
  if (actual !== ref.sha256) return { ok: false, expected: ref.sha256, actual, reason: 'hash_mismatch' };
  if (ref.bytes !== undefined && ref.bytes !== data.length) {
    return { ok: false, expected: ref.sha256, actual, reason: 'size_mismatch' };
  }
  return { ok: true, expected: ref.sha256, actual };
}

/**
 * Content-addressed evidence files under `<root>/sha256/ab/abcdef…`. The same bytes always land in the same file,
 * so writing twice is harmless; `verify` re-hashes a stored file to prove it was not changed.
 */
export class ArtefactStore implements EvidenceStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  static sha256(data: Uint8Array | string): string {
    return createHash('sha256').update(data).digest('hex');
  }

  /** Path relative to the root, with forward slashes. */
  relativePathFor(sha256: string): string {
    return `sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  absolutePathFor(sha256: string): string {
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256);
  }

  async put(
    kind: ArtefactKind,
    data: Uint8Array | string,
    mediaType: string,
    capturedAt: Date = new Date(),
  ): Promise<EvidenceArtefactRef> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    const sha256 = ArtefactStore.sha256(bytes);
    const target = this.absolutePathFor(sha256);
    const existing = await stat(target).catch(() => null);
    if (!existing || existing.size !== bytes.length) {
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes, { flag: 'wx' });
      try {
        await rename(temp, target);
      } catch (error) {
        await unlink(temp).catch(() => {});
        throw error;
      }
    }
    return artefactRef(kind, bytes, mediaType, relative(this.root, target).split(sep).join('/'), capturedAt);
  }

  async read(ref: Pick<EvidenceArtefactRef, 'sha256'>): Promise<Buffer | null> {
    return readFile(this.absolutePathFor(ref.sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }

  /** Re-hashes the stored file and compares it with the reference. */
  async verify(
    ref: Pick<EvidenceArtefactRef, 'sha256'> & Partial<Pick<EvidenceArtefactRef, 'bytes'>>,
  ): Promise<ArtefactIntegrity> {
    return integrityOf(ref, await readFile(this.absolutePathFor(ref.sha256)).catch(() => null));
  }
}
