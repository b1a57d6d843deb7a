import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { EvidenceArtefactRef } from '@netra/core';
import {
  type ArtefactIntegrity,
  type ArtefactKind,
  ArtefactStore,
  artefactRef,
  type EvidenceStore,
  integrityOf,
} from './artefact-store.ts';

export interface S3StoreOptions {
  /** e.g. https://s3.ap-southeast-3.amazonaws.com, or a MinIO/Ceph/Wasabi endpoint. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`): what most S3-compatible servers expect. */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, e.g. `evidence/`. */
  prefix: string;
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Evidence in an S3-compatible bucket, under the same content-addressed keys as on disk
 * (`<prefix>sha256/ab/abcdef…`), so a disk store can be copied into a bucket as it is and references stay
 * valid. An object already present with the same size is not written again; the bucket should have
 * versioning or object lock on (docs/operations.md, "Backups"), so evidence cannot be silently replaced.
 */
export class S3ArtefactStore implements EvidenceStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(options: S3StoreOptions) {
    this.#client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Integrity is ours (SHA-256 content addressing); the SDK's default CRC trailers are refused by
      // some S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.#bucket = options.bucket;
    this.#prefix = options.prefix;
  }

  /** Same relative path as the disk store: the `path` of a reference means the same thing in both. */
  relativePathFor(sha256: string): string {
    return `sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  #key(sha256: string): string {
    return `${this.#prefix}${this.relativePathFor(sha256)}`;
  }

  async put(
    kind: ArtefactKind,
    data: Uint8Array | string,
    mediaType: string,
    capturedAt: Date = new Date(),
  ): Promise<EvidenceArtefactRef> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    const sha256 = ArtefactStore.sha256(bytes);
    const key = this.#key(sha256);
    const existing = await this.#client
      .send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }))
      .then((head) => head.ContentLength ?? null)
      .catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
    if (existing !== bytes.length) {
      await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: bytes,
          ContentType: mediaType,
          ContentLength: bytes.length,
          Metadata: { sha256, kind },
        }),
      );
    }
    return artefactRef(kind, bytes, mediaType, this.relativePathFor(sha256), capturedAt);
  }

  async read(ref: Pick<EvidenceArtefactRef, 'sha256'>): Promise<Buffer | null> {
    try {
      const object = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(ref.sha256) }),
      );
      if (!object.Body) return null;
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Downloads and re-hashes the object: proves the bucket holds exactly the referenced bytes. */
  async verify(
    ref: Pick<EvidenceArtefactRef, 'sha256'> & Partial<Pick<EvidenceArtefactRef, 'bytes'>>,
  ): Promise<ArtefactIntegrity> {
    return integrityOf(ref, await this.read(ref));
  }

  close(): void {
    this.#client.destroy();
  }
}
