import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  API_PLATFORMS,
  ArtefactStore,
  BrowserPool,
  type CollectedInteraction,
  collectCandidateReplies,
  crawlAccount,
  type FoundReply,
  isReverseCrawlPlatform,
  REVERSE_CRAWL_PLATFORMS,
} from '@netra/collectors';
import { env, loadConfig, type Platform, parseInstantInput, platformSchema } from '@netra/core';
import { normaliseAccount, profileUrlFor } from '@netra/watchlist';
import { z } from 'zod';
import type { CliIO, Command } from '../command.ts';

const USAGE =
  'collect <platform> <account> [--since ISO (tanpa zona = WIB / no zone = WIB)] [--max N] [--interactions] [--replies [--candidate REF]] [--evidence DIR]';

const configSchema = z.object({
  PLATFORM_ORIGINS: env.platformOrigins(),
  YOUTUBE_API_KEY: z.string().optional(),
  CHROMIUM_PATH: z.string().optional(),
  EVIDENCE_DIR: z.string().optional(),
  NETRA_DATA_DIR: z.string().min(1).default('.netra'),
});

/** A stable account id for items collected outside the watchlist (the collected-post shape requires one). */
function adHocAccountId(platform: string, handle: string): string {
  const h = createHash('sha256').update(`${platform}:${handle.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function write(io: CliIO, value: unknown): Promise<void> | undefined {
  if (io.stdout.write(`${JSON.stringify(value)}\n`)) return undefined;
  return new Promise((resolve) => io.stdout.once('drain', () => resolve()));
}

function interactionLine(i: CollectedInteraction) {
  const { interaction, target, ...rest } = i;
  return { interaction, target, ...rest };
}

/** A reply found by the reverse crawl, printed like the forward crawl's interactions (actor = the reply's author). */
function replyLine(platform: string, r: FoundReply) {
  return {
    interaction: 'reply',
    target: r.target,
    platform,
    actorHandle: r.authorHandle,
    actorKeys: r.authorKeys,
    externalId: r.externalId,
    at: r.postedAt,
    url: r.url,
    text: r.text,
    fetchedAt: r.fetchedAt,
    raw: r.raw,
    evidence: r.evidence,
  };
}

/**
 * `netra collect`: runs one collector against one public account and prints one JSON line per item (the
 * collected-post shape; with `--interactions` also `{"interaction": …, "target": …}` lines) and a summary on
 * stderr. For operators checking a collector, and for tests; it honours PLATFORM_ORIGINS.
 */
export const collectCommand: Command = {
  path: ['collect'],
  summary: 'Collect one public account now and print its items as JSON lines',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values: {
      since?: string;
      max?: string;
      interactions?: boolean;
      replies?: boolean;
      candidate?: string;
      evidence?: string;
    };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          since: { type: 'string' },
          max: { type: 'string' },
          interactions: { type: 'boolean' },
          replies: { type: 'boolean' },
          candidate: { type: 'string' },
          evidence: { type: 'string' },
        },
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(
        `galat / error: ${error instanceof Error ? error.message : String(error)}\nusage: netra ${USAGE}\n`,
      );
      return 2;
    }
    const usage = (message: string) => {
      io.stderr.write(`galat / error: ${message}\nusage: netra ${USAGE}\n`);
      return 2;
    };
    if (positionals.length !== 2) return usage('platform dan akun wajib / platform and account are required');
    const platformParsed = platformSchema.safeParse(positionals[0]);
    if (!platformParsed.success) {
      return usage(`platform: "${positionals[0]}" tidak dikenal / unknown (${platformSchema.options.join(', ')})`);
    }
    const platform: Platform = platformParsed.data;
    // The same handle rules as the watchlist: @handle, bare handle or profile URL.
    const checked = normaliseAccount(platform, positionals[1]!);
    if (!checked.ok) return usage(`account: ${checked.message}`);
    const handle = checked.account.handle;
    let since: Date | undefined;
    if (values.since !== undefined) {
      // Not `new Date(text)`: it read a time without a zone in the machine's own zone (UTC in a container, so
      // 08:00 meant 15:00 WIB) and a date alone as UTC midnight. Like a tip's time, no zone means WIB, and a date
      // alone is its first minute in WIB.
      const text = /^\d{4}-\d{2}-\d{2}$/.test(values.since.trim()) ? `${values.since.trim()}T00:00` : values.since;
      const read = parseInstantInput(text, { zone: 'WIB', now: new Date() });
      if (!read.ok) return usage(`--since: "${values.since}": ${read.message}`);
      since = read.at;
    }
    let max: number | undefined;
    if (values.max !== undefined) {
      max = Number(values.max);
      if (!Number.isInteger(max) || max < 1 || max > 100_000)
        return usage(`--max: "${values.max}" harus 1–100000 / must be 1–100000`);
    }
    let config: z.output<typeof configSchema>;
    try {
      config = loadConfig(configSchema, io.env, { PLATFORM_ORIGINS: '{"bluesky":"http://127.0.0.1:4010/bluesky"}' });
    } catch (error) {
      io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const store = new ArtefactStore(values.evidence ?? config.EVIDENCE_DIR ?? join(config.NETRA_DATA_DIR, 'evidence'));
    if (values.replies) {
      // Reverse crawl: the account is a candidate's official account; every reply under its newest posts is printed.
      if (!isReverseCrawlPlatform(platform)) {
        return usage(`--replies: hanya / only ${REVERSE_CRAWL_PLATFORMS.join(', ')}`);
      }
      const started = Date.now();
      const result = await collectCandidateReplies({
        account: { platform, handle, candidate: values.candidate ?? `${platform}:${handle}` },
        store,
        platformOrigins: config.PLATFORM_ORIGINS,
        ...(max ? { maxPosts: max } : {}),
        ...(since ? { since } : {}),
        ...(config.YOUTUBE_API_KEY ? { youtubeApiKey: config.YOUTUBE_API_KEY } : {}),
      });
      for (const reply of result.replies) await write(io, replyLine(platform, reply));
      io.stderr.write(
        `${JSON.stringify({
          status: result.status,
          platform,
          account: handle,
          postsRead: result.postsRead,
          replies: result.replies.length,
          pages: result.pages,
          seconds: Math.round((Date.now() - started) / 100) / 10,
          notices: result.notices,
          errors: result.errors.map((e) => ({ code: e.code, message: e.message })),
        })}\n`,
      );
      return result.status === 'ok' ? 0 : 1;
    }
    const pool = new BrowserPool({ executablePath: config.CHROMIUM_PATH, maxConcurrency: 1 });
    const started = Date.now();
    try {
      const result = await crawlAccount({
        account: {
          id: adHocAccountId(platform, handle),
          platform,
          handle,
          profileUrl: profileUrlFor(platform, handle),
        },
        pool,
        store,
        platformOrigins: config.PLATFORM_ORIGINS,
        apiPlatforms: API_PLATFORMS,
        ...(max ? { maxPosts: max } : {}),
        ...(since ? { since } : {}),
        ...(values.interactions ? { interactions: true } : {}),
        ...(config.YOUTUBE_API_KEY ? { youtubeApiKey: config.YOUTUBE_API_KEY } : {}),
      });
      for (const post of result.posts) await write(io, post);
      if (values.interactions) for (const i of result.interactions ?? []) await write(io, interactionLine(i));
      io.stderr.write(
        `${JSON.stringify({
          status: result.status,
          platform,
          account: handle,
          posts: result.posts.length,
          interactions: values.interactions ? (result.interactions ?? []).length : 0,
          pages: result.pages,
          seconds: Math.round((Date.now() - started) / 100) / 10,
          ...(result.gaps?.length ? { gaps: result.gaps } : {}),
          errors: result.errors.map((e) => ({ code: e.code, message: e.message })),
        })}\n`,
      );
      return result.status === 'ok' ? 0 : 1;
    } finally {
      await pool.close();
    }
  },
};
