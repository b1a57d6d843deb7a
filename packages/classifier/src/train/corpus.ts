import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseOrThrow, type Registry, registrySchema, ValidationError } from '@netra/core';
import { type LabelledPost, labelledPostSchema } from './labelled-post.ts';
import { dropNullContext } from './nullable-context.ts';

/** The repo's corpus (`data/corpus/`): training data and the development registry. */
export const CORPUS_DIR = new URL('../../../../data/corpus/', import.meta.url).pathname;
/** The second, separate training batch (`data/corpus-extra/`): eight more invented contests, never the challenge set. */
export const CORPUS_EXTRA_DIR = new URL('../../../../data/corpus-extra/', import.meta.url).pathname;
export const EXTRA_TRAINING_FILE = `${CORPUS_EXTRA_DIR}train-extra.jsonl`;
export const EXTRA_TRAINING_REGISTRY_FILE = `${CORPUS_EXTRA_DIR}train-elections.json`;
/** Synthetic posts whose cue is the text of their images (issue 12; scripts/image-text-corpus.ts writes it). */
export const IMAGE_TEXT_TRAINING_FILE = `${CORPUS_DIR}image-text.jsonl`;
export const DEFAULT_TRAINING_FILES = [
  `${CORPUS_DIR}dev.jsonl`,
  `${CORPUS_DIR}dev-hard.jsonl`,
  EXTRA_TRAINING_FILE,
  IMAGE_TEXT_TRAINING_FILE,
];
export const DEFAULT_REGISTRY_FILE = `${CORPUS_DIR}elections.json`;
/**
 * Registries the default training files need: the development registry plus the extra batch's contests.
 */
export const DEFAULT_TRAINING_REGISTRY_FILES = [DEFAULT_REGISTRY_FILE, EXTRA_TRAINING_REGISTRY_FILE];

/** The repository root (artefacts record input paths relative to it, so the same inputs give the same bytes anywhere). */
export const REPO_ROOT = new URL('../../../../', import.meta.url).pathname;
/**
 * Real labelled posts kept OUTSIDE the repository (their text must never be copied into it): `../shared/corpus-real/`
 * next to the repository root. Read at train/eval time only, when present.
 */
export const REAL_CORPUS_DIR = resolve(REPO_ROOT, '../shared/corpus-real');
export const REAL_TRAINING_FILE = `${REAL_CORPUS_DIR}/real-train.jsonl`;
export const REAL_TRAINING_REGISTRY_FILE = `${REAL_CORPUS_DIR}/elections-real-train.json`;

export interface TrainingSet {
  files: string[];
  registries: string[];
  /** Set when the real corpus is absent: a message to print loudly (training goes on with synthetic data only). */
  warning: string | null;
}

/**
 * The default training set: the synthetic corpus (`data/corpus`, `data/corpus-extra/train-*`) plus the real posts
 * in `../shared/corpus-real/` and their registry when both files are there.
 */
export function defaultTrainingSet(realDir: string = REAL_CORPUS_DIR): TrainingSet {
  const realFile = `${realDir}/real-train.jsonl`;
  const realRegistry = `${realDir}/elections-real-train.json`;
  if (existsSync(realFile) && existsSync(realRegistry)) {
    return {
      files: [...DEFAULT_TRAINING_FILES, realFile],
      registries: [...DEFAULT_TRAINING_REGISTRY_FILES, realRegistry],
      warning: null,
    };
  }
  return {
    files: [...DEFAULT_TRAINING_FILES],
    registries: [...DEFAULT_TRAINING_REGISTRY_FILES],
    warning:
      `WARNING: real corpus not found (${realFile} and ${realRegistry}); training on SYNTHETIC posts only. ` +
      'The model will be weak on real posts: put the shared corpus-real folder next to the repository.',
  };
}

/** SHA-256 of a file's bytes, with its path relative to the repository root (as recorded in the artefact). */
export function fileDigest(path: string): { path: string; sha256: string } {
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  return { path: relative(REPO_ROOT, resolve(path)), sha256 };
}

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
