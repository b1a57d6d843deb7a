import { createHash } from 'node:crypto';

export interface ManifestEntry {
  postUrl: string;
  kind: string;
  sha256: string;
  bytes: number;
  capturedAt: string;
}

export interface Manifest {
  caseNumber: string;
  entries: ManifestEntry[];
}

/**
 * The evidence manifest as canonical text (entries sorted, fixed key order, one JSON document), so anyone
 * holding the dossier can recompute its SHA-256 from the listed artefact hashes.
 */
export function manifestText(manifest: Manifest): string {
  const entries = [...manifest.entries]
    .sort(
      (a, b) => a.postUrl.localeCompare(b.postUrl) || a.kind.localeCompare(b.kind) || a.sha256.localeCompare(b.sha256),
    )
    .map((e) => ({ postUrl: e.postUrl, kind: e.kind, sha256: e.sha256, bytes: e.bytes, capturedAt: e.capturedAt }));
  return JSON.stringify({ caseNumber: manifest.caseNumber, entries });
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function manifestSha256(manifest: Manifest): string {
  return sha256Hex(manifestText(manifest));
}
