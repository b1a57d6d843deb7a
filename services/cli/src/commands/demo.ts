import { startDemoPlatform } from '@netra/demo-platform';
import { seedDemo } from '@netra/demo-platform/seed';
import { loadAllInOneConfig } from '../all-in-one/all-in-one-config.ts';
import { runAllInOne } from '../all-in-one/run-all-in-one.ts';
import { parseArgs } from '../cli-context.ts';
import type { Command } from '../command.ts';

/**
 * The quick start: seeds the demo registry and watchlist, serves the demo platform on loopback, and runs
 * a first crawl through the real scraper and classifier so flagged posts are in the review queue.
 */
export const demoCommand: Command = {
  path: ['demo'],
  summary: 'Demo satu proses: data contoh + platform demo + perayapan / one-process demo with a first crawl',
  usage: 'demo [--port 8080] [--once]',
  run: async (argv, io) => {
    const { flags } = parseArgs(argv);
    const env = { ...io.env, ...(typeof flags.port === 'string' ? { PORT: flags.port } : {}) };
    const say = (line: string) => io.stderr.write(`${line}\n`);
    return runAllInOne({
      config: loadAllInOneConfig(env),
      env,
      say,
      crawlNow: true,
      once: flags.once === true,
      prepare: async (stores) => {
        const seeded = await seedDemo(stores.database.db);
        say(
          `Data demo / demo data: ${seeded.contests} pemilihan / contests, ${seeded.people} ASN, ${seeded.accounts} akun / accounts`,
        );
        const platform = await startDemoPlatform();
        say(`Platform demo / demo platform: ${platform.url} (hanya loopback / loopback only)`);
        return { platformOrigins: platform.origins, close: () => platform.close() };
      },
    });
  },
};
