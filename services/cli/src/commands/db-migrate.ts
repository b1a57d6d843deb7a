import { createDatabase, migrateToLatest, pendingMigrations } from '@netra/db';
import type { CliIO, Command } from '../command.ts';

/**
 * `netra db migrate`: applies every pending migration and exits — the Kubernetes migrations Job
 * (infra/k8s/base/migrate-job.yaml). Deployables migrate at start as well; running this first means no
 * replica starts on an old schema, and `/readyz` names `migrations` until it has run.
 */
export const dbMigrateCommand: Command = {
  path: ['db', 'migrate'],
  summary: 'Apply pending database migrations and exit',
  usage: 'db migrate',
  async run(_argv: string[], io: CliIO): Promise<number> {
    const url = io.env.DATABASE_URL?.trim();
    if (!url) {
      io.stderr.write('galat / error: DATABASE_URL wajib diisi / DATABASE_URL is required\n');
      return 2;
    }
    const handle = await createDatabase({ url });
    try {
      const pending = await pendingMigrations(handle.db);
      await migrateToLatest(handle.db);
      io.stdout.write(
        pending.length === 0
          ? 'Skema sudah mutakhir / schema already up to date\n'
          : `Diterapkan / applied: ${pending.join(', ')}\n`,
      );
      return 0;
    } catch (error) {
      io.stderr.write(`galat / error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      await handle.close();
    }
  },
};
