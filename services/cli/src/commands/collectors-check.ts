import { parseArgs } from 'node:util';
import { BrowserPool, type CanaryReport, checkDefinition, platformDefinitions } from '@netra/collectors';
import { env, loadConfig, type Platform, platformSchema } from '@netra/core';
import { recordCanaryResults } from '@netra/db';
import { normaliseAccount } from '@netra/watchlist';
import { z } from 'zod';
import { withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'collectors check [--platform P --account URL]';

const configSchema = z.object({
  PLATFORM_ORIGINS: env.platformOrigins(),
  CHROMIUM_PATH: z.string().optional(),
  /** One public account per page platform for the canary, e.g. {"facebook":"https://www.facebook.com/…"}. */
  COLLECTOR_CANARY_ACCOUNTS: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'bukan JSON / not JSON, e.g. {"facebook":"https://www.facebook.com/…"}',
        });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(platformSchema, z.url())),
});

/**
 * `netra collectors check`: the page-definition canary. Loads one configured public account per page platform
 * (COLLECTOR_CANARY_ACCOUNTS, or --platform/--account) with the current definition and prints one JSON line per
 * platform: recognised / changed / walled / consent / captcha / not_found / unreachable, with the definition
 * version, and stores them (`canary_results`, DATABASE_URL or the embedded database) for the crawls page.
 * Exit 0 only when every platform is recognised and the results are stored, 1 otherwise, 2 on bad arguments or
 * configuration.
 */
export const collectorsCheckCommand: Command = {
  path: ['collectors', 'check'],
  summary: 'Canary: does each page definition still recognise its platform? (one public account each)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let targets: { platform: Platform; profileUrl: string }[];
    let config: z.infer<typeof configSchema>;
    try {
      const { values } = parseArgs({
        args: argv,
        options: { platform: { type: 'string' }, account: { type: 'string' } },
        strict: true,
      });
      config = loadConfig(configSchema, io.env, {
        COLLECTOR_CANARY_ACCOUNTS: '{"facebook":"https://www.facebook.com/…"}',
      });
      if (values.platform || values.account) {
        const platform = platformSchema.safeParse(values.platform);
        if (!platform.success) throw new Error(`--platform: bukan platform / not a platform: ${values.platform ?? ''}`);
        if (!values.account) throw new Error('--account: URL profil wajib / a profile URL is required');
        targets = [{ platform: platform.data, profileUrl: values.account }];
      } else {
        targets = Object.entries(config.COLLECTOR_CANARY_ACCOUNTS).map(([platform, profileUrl]) => ({
          platform: platform as Platform,
          profileUrl: profileUrl as string,
        }));
      }
      if (targets.length === 0)
        throw new Error('COLLECTOR_CANARY_ACCOUNTS kosong / is empty: name one public account per platform');
      for (const t of targets) {
        if (!platformDefinitions[t.platform])
          throw new Error(`${t.platform}: tidak ada definisi halaman / no page definition (API platform)`);
      }
    } catch (error) {
      io.stderr.write(
        `galat / error: ${error instanceof Error ? error.message : String(error)}\nusage: netra ${USAGE}\n`,
      );
      return 2;
    }
    const pool = new BrowserPool({ executablePath: config.CHROMIUM_PATH, maxConcurrency: 1, reuseContexts: false });
    const reports: CanaryReport[] = [];
    try {
      for (const t of targets) {
        const normalised = normaliseAccount(t.platform, t.profileUrl);
        const handle = normalised.ok ? normalised.account.handle : t.profileUrl;
        const report = await checkDefinition({ ...t, handle, pool, platformOrigins: config.PLATFORM_ORIGINS });
        reports.push(report);
        io.stdout.write(`${JSON.stringify(report)}\n`);
      }
    } finally {
      await pool.close();
    }
    try {
      await withDatabase(io.env, (handle) =>
        recordCanaryResults(
          handle.db,
          reports.map((r) => ({
            platform: r.platform,
            definitionVersion: r.definitionVersion,
            account: r.account,
            verdict: r.verdict,
            items: r.items,
            detail: r.detail,
            checkedAt: r.checkedAt,
          })),
        ),
      );
    } catch (error) {
      io.stderr.write(
        `galat / error: hasil canary tidak tersimpan / canary results not stored: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
    return reports.every((r) => r.verdict === 'recognised') ? 0 : 1;
  },
};
