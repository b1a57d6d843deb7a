import { join } from 'node:path';
import { evidenceConfigShape, openEvidenceStore } from '@netra/collectors';
import { loadConfig } from '@netra/core';
import { listArtefactsAfter } from '@netra/db';
import { z } from 'zod';
import { withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const configSchema = z.object({
  ...evidenceConfigShape,
  EVIDENCE_DIR: z.string().optional(),
  NETRA_DATA_DIR: z.string().min(1).default('.netra'),
});

const PAGE = 500;
const SHOWN = 20;

/**
 * `netra evidence verify`: re-hashes every artefact the database references in the configured evidence
 * store (disk or S3) and reports what is missing or altered — the check after restoring a backup
 * (docs/operations.md, "Backups"). Exit 0 only when every artefact is present and intact.
 */
export const evidenceVerifyCommand: Command = {
  path: ['evidence', 'verify'],
  summary: 'Check every evidence artefact in the database against the evidence store (hash and size)',
  usage: 'evidence verify',
  async run(_argv: string[], io: CliIO): Promise<number> {
    try {
      const config = loadConfig(configSchema, io.env);
      const store = openEvidenceStore(config, config.EVIDENCE_DIR ?? join(config.NETRA_DATA_DIR, 'evidence'));
      const summary = await withDatabase(io.env, async ({ db }) => {
        const out = { checked: 0, ok: 0, missing: 0, altered: 0, problems: [] as { sha256: string; reason: string }[] };
        let after: string | null = null;
        for (;;) {
          const page = await listArtefactsAfter(db, after, PAGE);
          if (page.length === 0) break;
          for (const artefact of page) {
            const result = await store.verify(artefact);
            out.checked += 1;
            if (result.ok) out.ok += 1;
            else {
              if (result.reason === 'missing') out.missing += 1;
              else out.altered += 1;
              if (out.problems.length < SHOWN)
                out.problems.push({ sha256: artefact.sha256, reason: result.reason ?? '' });
            }
          }
          after = page.at(-1)!.sha256;
        }
        return out;
      });
      io.stdout.write(`${JSON.stringify(summary)}\n`);
      const bad = summary.missing + summary.altered;
      io.stderr.write(
        bad === 0
          ? `Semua ${summary.checked} artefak utuh / all ${summary.checked} artefacts intact\n`
          : `${bad} dari ${summary.checked} artefak hilang atau berubah / ${bad} of ${summary.checked} artefacts missing or altered\n`,
      );
      return bad === 0 ? 0 : 1;
    } catch (error) {
      io.stderr.write(`galat / error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  },
};
