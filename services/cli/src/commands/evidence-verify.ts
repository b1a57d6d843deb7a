import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ArtefactStore, type PostEvidenceReport, verifyPostEvidence } from '@netra/collectors';
import { listArtefactsOfPosts, listPostIdsForEvidence } from '@netra/db';
import { z } from 'zod';
import { withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'evidence verify [--post ID] [--evidence DIR] [--all]';
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
    const store = new ArtefactStore(evidenceDirOf(values.evidence, io.env));
    const totals = { posts: 0, artefacts: 0, manifests: 0, postsWithProblems: 0, problems: 0 };
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
        const artefacts = await listArtefactsOfPosts(
          handle.db,
          page.map((p) => p.id),
        );
        for (const post of page) {
          const own = artefacts.filter((a) => a.postId === post.id);
          const report: PostEvidenceReport = await verifyPostEvidence(store, post.id, own, post.manifest);
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
    io.stderr.write(`${JSON.stringify({ store: store.root, ...totals, ok: totals.problems === 0 })}\n`);
    return totals.problems === 0 ? 0 : 1;
  },
};
