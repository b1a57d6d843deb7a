import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evidenceConfigShape, openEvidenceStore, type PostEvidenceReport, verifyPostEvidence } from '@netra/collectors';
import { loadConfig } from '@netra/core';
import { listEvidenceToVerify, listPostIdsForEvidence } from '@netra/db';
import { z } from 'zod';
import { withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'evidence verify [--post ID] [--evidence DIR] [--all]';

/** The evidence store settings (EVIDENCE_STORE=disk|s3 and S3_*), as the scraper and API read them. */
const storeConfigSchema = z.object({ ...evidenceConfigShape });
const PAGE = 500;

/** Where the artefact store lives: --evidence, else EVIDENCE_DIR, else <NETRA_DATA_DIR>/evidence (the scraper's). */
export function evidenceDirOf(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? (env.EVIDENCE_DIR?.trim() || join(env.NETRA_DATA_DIR?.trim() || '.netra', 'evidence'));
}

/**
 * `netra evidence verify`: re-hashes every artefact and manifest of every post (or one, `--post ID`) in the
 * artefact store. One JSON line per post with a problem (every post with `--all`), a summary on stderr;
 * exit 1 when any file is missing or changed, 2 on bad arguments.
 */
export const evidenceVerifyCommand: Command = {
  path: ['evidence', 'verify'],
  summary: 'Re-hash every evidence artefact and manifest; report mismatches and missing files',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values: { post?: string; evidence?: string; all?: boolean };
    try {
      values = parseArgs({
        args: argv,
        options: { post: { type: 'string' }, evidence: { type: 'string' }, all: { type: 'boolean' } },
        strict: true,
      }).values;
      if (values.post !== undefined && !z.uuid().safeParse(values.post).success) {
        throw new Error(`--post: bukan UUID / not a UUID: ${values.post}`);
      }
    } catch (error) {
      io.stderr.write(
        `galat / error: ${error instanceof Error ? error.message : String(error)}\nusage: netra ${USAGE}\n`,
      );
      return 2;
    }
    const settings = loadConfig(storeConfigSchema, io.env);
    const store = openEvidenceStore(settings, evidenceDirOf(values.evidence, io.env));
    const totals = { posts: 0, artefacts: 0, manifests: 0, postsWithProblems: 0, problems: 0 };
    // Distinct artefacts and what was wrong with them: one API page backs many posts, so per-post counts
    // repeat it; a restore check compares these with the database (docs/operations.md, "Backups").
    const distinct = new Map<string, string | null>();
    const found = await withDatabase(io.env, async (handle) => {
      let after: string | undefined;
      let any = false;
      for (;;) {
        const page = await listPostIdsForEvidence(handle.db, {
          ...(values.post ? { postId: values.post } : {}),
          ...(after ? { after } : {}),
          limit: PAGE,
        });
        if (page.length === 0) break;
        any = true;
        const artefacts = await listEvidenceToVerify(
          handle.db,
          page.map((p) => p.id),
        );
        for (const post of page) {
          const own = artefacts.filter((a) => a.postId === post.id);
          const report: PostEvidenceReport = await verifyPostEvidence(store, post.id, own, post.manifest);
          for (const a of own) if (!distinct.has(a.sha256)) distinct.set(a.sha256, null);
          for (const p of report.problems) {
            // A file is missing or altered whichever post's manifest found it first.
            if (distinct.has(p.sha256) && distinct.get(p.sha256) === null)
              distinct.set(p.sha256, p.reason.replace(/^manifest_entry_/, ''));
          }
          totals.posts++;
          totals.artefacts += report.artefacts;
          totals.manifests += report.manifests;
          if (!report.ok) {
            totals.postsWithProblems++;
            totals.problems += report.problems.length;
          }
          if (!report.ok || values.all) io.stdout.write(`${JSON.stringify(report)}\n`);
        }
        after = page[page.length - 1]!.id;
        if (page.length < PAGE) break;
      }
      return any;
    });
    if (values.post && !found) {
      io.stderr.write(`galat / error: --post: postingan tidak ditemukan / post not found: ${values.post}\n`);
      return 1;
    }
    const reasons = [...distinct.values()];
    const summary = {
      store: settings.EVIDENCE_STORE,
      ...totals,
      distinctArtefacts: distinct.size,
      missing: reasons.filter((r) => r === 'missing').length,
      altered: reasons.filter((r) => r !== null && r !== 'missing').length,
      ok: totals.problems === 0,
    };
    io.stderr.write(`${JSON.stringify(summary)}\n`);
    return totals.problems === 0 ? 0 : 1;
  },
};
