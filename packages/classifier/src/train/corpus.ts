import { readFileSync } from 'node:fs';
import { parseOrThrow, type Registry, registrySchema, ValidationError } from '@netra/core';
import { type LabelledPost, labelledPostSchema } from './labelled-post.ts';
import { dropNullContext } from './nullable-context.ts';

/** The repo's corpus (`data/corpus/`): training data and the development registry. */
export const CORPUS_DIR = new URL('../../../../data/corpus/', import.meta.url).pathname;
/** The second, separate training batch (`data/corpus-extra/`): eight more invented contests, never the challenge set. */
export const CORPUS_EXTRA_DIR = new URL('../../../../data/corpus-extra/', import.meta.url).pathname;
export const EXTRA_TRAINING_FILE = `${CORPUS_EXTRA_DIR}train-extra.jsonl`;
export const EXTRA_TRAINING_REGISTRY_FILE = `${CORPUS_EXTRA_DIR}train-elections.json`;
export const DEFAULT_TRAINING_FILES = [`${CORPUS_DIR}dev.jsonl`, `${CORPUS_DIR}dev-hard.jsonl`, EXTRA_TRAINING_FILE];
export const DEFAULT_REGISTRY_FILE = `${CORPUS_DIR}elections.json`;
/**
 * Registries the default training files need: the development registry plus the extra batch's contests.
 */
export const DEFAULT_TRAINING_REGISTRY_FILES = [DEFAULT_REGISTRY_FILE, EXTRA_TRAINING_REGISTRY_FILE];

/** Reads a labelled JSONL file; a bad line throws a ValidationError naming the file, line and field. */
export function readLabelledJsonl(path: string): LabelledPost[] {
  const out: LabelledPost[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new ValidationError('TRAINING_LINE_INVALID', [{ field: `${path}:${i + 1}`, message: 'not valid JSON' }]);
      }
      try {
        out.push(parseOrThrow(labelledPostSchema, dropNullContext(raw), 'TRAINING_LINE_INVALID'));
      } catch (error) {
        if (error instanceof ValidationError) {
          throw new ValidationError(
            'TRAINING_LINE_INVALID',
            error.issues.map((x) => ({ field: `${path}:${i + 1}:${x.field}`, message: x.message })),
          );
        }
        throw error;
      }
    });
  return out;
}

export function readRegistry(path: string = DEFAULT_REGISTRY_FILE): Registry {
  return parseOrThrow(registrySchema, JSON.parse(readFileSync(path, 'utf8')), 'REGISTRY_INVALID');
}
