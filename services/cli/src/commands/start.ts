import { loadAllInOneConfig } from '../all-in-one/all-in-one-config.ts';
import { runAllInOne } from '../all-in-one/run-all-in-one.ts';
import { parseArgs } from '../cli-context.ts';
import type { Command } from '../command.ts';

/** Everything in one process against the real platforms, for a small installation or a trial. */
export const startCommand: Command = {
  path: ['start'],
  summary: 'Jalankan semua bagian dalam satu proses / run every part in one process',
  usage: 'start [--port 8080] [--crawl-now]',
  run: async (argv, io) => {
    const { flags } = parseArgs(argv);
    const env = { ...io.env, ...(typeof flags.port === 'string' ? { PORT: flags.port } : {}) };
    return runAllInOne({
      config: loadAllInOneConfig(env),
      env,
      say: (line) => io.stderr.write(`${line}\n`),
      crawlNow: flags['crawl-now'] === true,
      once: false,
    });
  },
};
