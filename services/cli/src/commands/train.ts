import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  compileRegistry,
  DEFAULT_MODEL_PATH,
  DEFAULT_TRAINING_REGISTRY_FILES,
  defaultTrainingSet,
  describeError,
  fileDigest,
  prepare,
  readLabelledJsonl,
  readRegistries,
  trainModel,
} from '@netra/classifier';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'train [--input extra.jsonl …] [--elections registry.json …] [--out model.json] [--no-corpus]';

/**
 * `netra train`: retrains the endorsement model from the repo's corpus plus extra labelled JSONL (reviewer
 * decisions exported from the review store, same line format) and writes the versioned artefact.
 */
export const trainCommand: Command = {
  path: ['train'],
  summary: 'Retrain the classifier from the corpus plus reviewer decisions; writes the model artefact',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values: { input?: string[]; elections?: string[]; out?: string; 'no-corpus'?: boolean };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          input: { type: 'string', multiple: true },
          elections: { type: 'string', multiple: true },
          out: { type: 'string' },
          'no-corpus': { type: 'boolean' },
        },
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(`${describeError(error)}\nusage: netra ${USAGE}\n`);
      return 2;
    }
    const defaults = defaultTrainingSet();
    if (!values['no-corpus'] && defaults.warning) io.stderr.write(`${defaults.warning}\n`);
    const files = [...(values['no-corpus'] ? [] : defaults.files), ...(values.input ?? [])];
    if (files.length === 0) {
      io.stderr.write(`nothing to train on\nusage: netra ${USAGE}\n`);
      return 2;
    }
    try {
      const registryFiles = [
        ...(values['no-corpus'] ? DEFAULT_TRAINING_REGISTRY_FILES : defaults.registries),
        ...(values.elections ?? []),
      ];
      const reg = compileRegistry(readRegistries(registryFiles));
      const seen = new Set<string>();
      const posts = files
        .flatMap((f) => readLabelledJsonl(f))
        .reverse()
        .filter((p) => {
          // A later file (a reviewer's decision) overrides an earlier label of the same post id.
          if (seen.has(p.id)) return false;
          seen.add(p.id);
          return true;
        })
        .reverse();
      const artefact = trainModel(prepare(posts, reg), {
        sources: files.map((f) => f.split('/').pop()!),
        inputs: files.map(fileDigest),
        registries: registryFiles.map(fileDigest),
      });
      const out = resolve(values.out ?? DEFAULT_MODEL_PATH);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(artefact)}\n`);
      io.stdout.write(
        `${JSON.stringify({ out, modelVersion: artefact.modelVersion, examples: artefact.training.examples, positives: artefact.training.positives, threshold: artefact.threshold, outOfFold: artefact.training.outOfFold })}\n`,
      );
      return 0;
    } catch (error) {
      io.stderr.write(`${describeError(error)}\n`);
      return 1;
    }
  },
};
