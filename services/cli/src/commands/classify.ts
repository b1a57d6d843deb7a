import { parseArgs } from 'node:util';
import { classify, compileRegistry, describeError, dropNullContext, loadModel } from '@netra/classifier';
import { classifiableSchema, issuesFromZod } from '@netra/core';
import { boundedLines } from '../bounded-lines.ts';
import type { CliIO, Command } from '../command.ts';
import { readRegistryFiles } from '../read-registry-files.ts';

const USAGE = 'classify --elections <registry.json> [--model <model.json>]';

/**
 * Longest input line read: the largest valid post (20,000 characters of text and 50 image texts of 20,000,
 * every character a `\uXXXX` escape) is ~6 MB, and a collector's JSON line carries its `raw` object too.
 */
export const CLASSIFY_MAX_LINE_BYTES = 16 * 1024 * 1024;

function write(io: CliIO, line: string): Promise<void> | undefined {
  if (io.stdout.write(`${line}\n`)) return undefined;
  return new Promise((resolve) => io.stdout.once('drain', () => resolve()));
}

/**
 * `netra classify`: JSON lines of posts on stdin → one JSON line per post on stdout (`id` + the
 * classification). A bad line yields `{"line":N,"error":{code,field,message}}` and the stream goes on.
 */
export const classifyCommand: Command = {
  path: ['classify'],
  summary: 'Classify JSON-lines posts from stdin for candidate endorsement',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values: { elections?: string[]; model?: string };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { elections: { type: 'string', multiple: true }, model: { type: 'string' } },
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(`${describeError(error)}\nusage: netra ${USAGE}\n`);
      return 2;
    }
    if (!values.elections?.length) {
      io.stderr.write(`--elections is required\nusage: netra ${USAGE}\n`);
      return 2;
    }
    let registry: ReturnType<typeof compileRegistry>;
    let model: ReturnType<typeof loadModel>;
    try {
      registry = compileRegistry(await readRegistryFiles(values.elections));
      model = loadModel(values.model);
    } catch (error) {
      io.stderr.write(`${describeError(error)}\n`);
      return 1;
    }
    let n = 0;
    let bad = 0;
    for await (const read of boundedLines(io.stdin as AsyncIterable<Buffer | string>, CLASSIFY_MAX_LINE_BYTES)) {
      n = read.n;
      if ('tooLongBytes' in read) {
        bad++;
        const message = `baris sepanjang ${read.tooLongBytes} B melebihi batas ${CLASSIFY_MAX_LINE_BYTES} B / line of ${read.tooLongBytes} bytes exceeds the ${CLASSIFY_MAX_LINE_BYTES / 1024 / 1024} MiB limit`;
        await write(io, JSON.stringify({ line: n, error: { code: 'CLASSIFY_LINE_TOO_LONG', field: null, message } }));
        continue;
      }
      const line = read.text;
      if (!line.trim()) continue;
      let out: string;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (error) {
        bad++;
        const message = error instanceof Error ? error.message : 'invalid JSON';
        await write(
          io,
          JSON.stringify({ line: n, error: { code: 'CLASSIFY_LINE_INVALID_JSON', field: null, message } }),
        );
        continue;
      }
      const parsed = classifiableSchema.safeParse(dropNullContext(raw));
      if (!parsed.success) {
        bad++;
        const issues = issuesFromZod(parsed.error);
        const id =
          raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
            ? (raw as { id: string }).id
            : undefined;
        out = JSON.stringify({
          line: n,
          ...(id === undefined ? {} : { id }),
          error: {
            code: 'CLASSIFY_LINE_INVALID',
            field: issues[0]?.field || null,
            message: issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; '),
          },
        });
      } else {
        try {
          out = JSON.stringify({ id: parsed.data.id, ...classify(parsed.data, registry, model) });
        } catch (error) {
          bad++;
          out = JSON.stringify({
            line: n,
            id: parsed.data.id,
            error: { code: 'CLASSIFY_FAILED', field: null, message: describeError(error) },
          });
        }
      }
      await write(io, out);
    }
    if (bad > 0) io.stderr.write(`${bad} of ${n} line(s) could not be classified\n`);
    return 0;
  },
};
