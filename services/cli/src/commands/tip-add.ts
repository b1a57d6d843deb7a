import { parseArgs } from 'node:util';
import { ArtefactStore } from '@netra/collectors';
import { isNetraError, ValidationError } from '@netra/core';
import { findUserByUsername } from '@netra/db';
import { RegistryProvider, registryClassifier, submitTip, TIP_MAX_UPLOAD_BYTES } from '@netra/pipeline';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import { cliActor, withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';
import { InputFileRefused, readInputFile } from '../read-input-file.ts';
import { evidenceDirOf } from './evidence-verify.ts';

/** A text file of at most 20,000 characters, four bytes each at most. */
const TEXT_FILE_MAX_BYTES = 80_000;

const USAGE =
  'tip add --by USERNAME --url URL [--text TEXT | --text-file FILE] [--screenshot PNG|JPEG|WEBP] [--html FILE] [--person NIP|ID] [--posted-at ISO] [--note TEXT] [--evidence DIR]';

const ANALYST_ROLES = new Set(['analyst', 'supervisor', 'admin']);

/**
 * `netra tip add`: an analyst's manual capture of a post from a walled platform, as on the tip form: stored as
 * evidence with its hashes, linked to the watched account of its URL (or the person given), classified and put
 * in review whatever its score. Prints the result as JSON; exit 1 on refused input (the field is named), 2 on
 * bad arguments.
 */
export const tipAddCommand: Command = {
  path: ['tip', 'add'],
  summary: 'Submit a tip (post URL + screenshot / saved page / text) straight into review',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let v: Record<string, string | undefined>;
    try {
      v = parseArgs({
        args: argv,
        options: {
          by: { type: 'string' },
          url: { type: 'string' },
          text: { type: 'string' },
          'text-file': { type: 'string' },
          screenshot: { type: 'string' },
          html: { type: 'string' },
          person: { type: 'string' },
          'posted-at': { type: 'string' },
          note: { type: 'string' },
          evidence: { type: 'string' },
        },
        strict: true,
      }).values as Record<string, string | undefined>;
      if (!v.by) throw new Error('--by: nama pengguna analis wajib / the analyst username is required');
      if (!v.url) throw new Error('--url: wajib / required');
      if (v.text !== undefined && v['text-file'] !== undefined)
        throw new Error('--text dan --text-file: pilih satu / use one');
    } catch (error) {
      io.stderr.write(
        `galat / error: ${error instanceof Error ? error.message : String(error)}\nusage: netra ${USAGE}\n`,
      );
      return 2;
    }
    // A capture is refused past the form's 8 MB before it is read; pasted text is at most 20,000 characters.
    const read = async (flag: string, path: string | undefined, maxBytes = TIP_MAX_UPLOAD_BYTES) => {
      if (!path) return undefined;
      try {
        return await readInputFile(path, maxBytes);
      } catch (error) {
        const code =
          error instanceof InputFileRefused && error.reason === 'too_large'
            ? 'TIP_UPLOAD_TOO_LARGE'
            : 'TIP_FILE_UNREADABLE';
        throw new ValidationError(code, [{ field: flag, message: (error as Error).message }]);
      }
    };
    // With REDIS_URL the screenshot is queued for OCR like the form's; without it the tip says `ocr: no_queue`.
    const connection = io.env.REDIS_URL ? createRedisConnection({ url: io.env.REDIS_URL, forWorker: false }) : null;
    const queues: Queues | undefined = connection
      ? createQueues(connection, io.env.QUEUE_PREFIX || 'netra')
      : undefined;
    try {
      const result = await withDatabase(io.env, async (handle) => {
        const user = await findUserByUsername(handle.db, v.by!);
        if (!user?.active || !ANALYST_ROLES.has(user.role)) {
          throw new ValidationError('TIP_SUBMITTER_INVALID', [
            { field: '--by', message: `${v.by}: bukan analis aktif / not an active analyst (or higher)` },
          ]);
        }
        const text =
          v.text ??
          (v['text-file']
            ? (await read('--text-file', v['text-file'], TEXT_FILE_MAX_BYTES))!.toString('utf8')
            : undefined);
        const registry = new RegistryProvider(handle.db);
        const actor = cliActor(io.env);
        return submitTip(
          {
            db: handle.db,
            store: new ArtefactStore(evidenceDirOf(v.evidence, io.env)),
            classifier: registryClassifier(),
            registry: () => registry.get(),
            queues,
          },
          {
            url: v.url!,
            text,
            screenshot: await read('--screenshot', v.screenshot),
            savedPage: await read('--html', v.html),
            personId: v.person,
            postedAt: v['posted-at'],
            note: v.note,
          },
          { userId: user.id, username: actor.actorUsername, auditActorId: null },
        );
      });
      io.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ValidationError) {
        io.stderr.write(`galat / error: ${error.code}: ${error.message}\n`);
        return 1;
      }
      if (isNetraError(error)) {
        io.stderr.write(`galat / error: ${error.code}: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await queues?.close();
      connection?.disconnect();
    }
  },
};
