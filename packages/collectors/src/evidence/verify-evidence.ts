import type { EvidenceStore } from './artefact-store.ts';

export const MANIFEST_MEDIA_TYPE = 'application/vnd.netra.evidence-manifest+json';

export interface StoredArtefact {
  sha256: string;
  bytes: number;
  kind: string;
  mediaType: string;
}

export interface EvidenceProblem {
  sha256: string;
  kind: string;
  /** `missing` / `hash_mismatch` / `size_mismatch` for a file; `manifest_unreadable`, `manifest_entry_*` for a manifest's listing; `manifest_not_stored` when the post names a manifest it does not hold. */
  reason: string;
  /** For a manifest entry: the manifest that lists it. */
  manifest?: string;
}

export interface PostEvidenceReport {
  postId: string;
  artefacts: number;
  manifests: number;
  ok: boolean;
  problems: EvidenceProblem[];
}

/**
 * Re-hashes every artefact of one post and every artefact each of its manifests lists (a manifest is JSON naming
 * files with their SHA-256 and size): a file changed, truncated or gone is a problem, as is a manifest the post
 * names (`raw.evidenceManifest`) but does not hold.
 */
export async function verifyPostEvidence(
  store: Pick<EvidenceStore, 'read' | 'verify'>,
  postId: string,
  artefacts: readonly StoredArtefact[],
  namedManifest: string | null,
): Promise<PostEvidenceReport> {
  const problems: EvidenceProblem[] = [];
  let manifests = 0;
  for (const a of artefacts) {
    const check = await store.verify({ sha256: a.sha256, bytes: a.bytes });
    if (!check.ok) {
      problems.push({ sha256: a.sha256, kind: a.kind, reason: check.reason ?? 'hash_mismatch' });
      continue;
    }
    if (a.mediaType !== MANIFEST_MEDIA_TYPE) continue;
    manifests++;
    let listed: { sha256?: unknown; bytes?: unknown; kind?: unknown }[] = [];
    try {
      const parsed = JSON.parse((await store.read(a))?.toString('utf8') ?? '') as { artefacts?: unknown };
      if (!Array.isArray(parsed.artefacts)) throw new Error('artefacts missing');
      listed = parsed.artefacts as typeof listed;
    } catch {
      problems.push({ sha256: a.sha256, kind: a.kind, reason: 'manifest_unreadable' });
      continue;
    }
    for (const entry of listed) {
      if (typeof entry.sha256 !== 'string' || !/^[a-f0-9]{64}$/.test(entry.sha256)) {
        problems.push({
          sha256: String(entry.sha256),
          kind: String(entry.kind ?? '?'),
          reason: 'manifest_entry_invalid',
          manifest: a.sha256,
        });
        continue;
      }
      // An artefact the post holds itself is checked on its own above.
      if (artefacts.some((x) => x.sha256 === entry.sha256)) continue;
      const check2 = await store.verify({
        sha256: entry.sha256,
        ...(typeof entry.bytes === 'number' ? { bytes: entry.bytes } : {}),
      });
      if (!check2.ok) {
        problems.push({
          sha256: entry.sha256,
          kind: String(entry.kind ?? '?'),
          reason: `manifest_entry_${check2.reason ?? 'hash_mismatch'}`,
          manifest: a.sha256,
        });
      }
    }
  }
  if (namedManifest && !artefacts.some((a) => a.sha256 === namedManifest)) {
    problems.push({ sha256: namedManifest, kind: 'json', reason: 'manifest_not_stored' });
  }
  return { postId, artefacts: artefacts.length, manifests, ok: problems.length === 0, problems };
}
