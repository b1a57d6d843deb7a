export { classify, decide, resolveCandidate } from './classify/classify.ts';
export { describeError, readRegistries } from './cli-support.ts';
export {
  contestFolds,
  contestOfPost,
  crossValidate,
  type EvalReport,
  evaluateModel,
  kFolds,
} from './eval/evaluate.ts';
export { computeMetrics, type Metrics, metricsBy, type Scored } from './eval/metrics.ts';
export { type Analysis, analyse } from './features/extract-features.ts';
export { detectLanguage } from './language/detect-language.ts';
export { DEFAULT_MODEL_PATH, loadModel, type Model, type ModelArtefact, modelFromArtefact } from './model/artefact.ts';
export { tokenize } from './normalise/tokenize.ts';
export { type CompiledRegistry, compileRegistry, contestsOf } from './registry/compile-registry.ts';
export {
  CORPUS_DIR,
  DEFAULT_REGISTRY_FILE,
  DEFAULT_TRAINING_FILES,
  DEFAULT_TRAINING_REGISTRY_FILES,
  EXTRA_TRAINING_FILE,
  EXTRA_TRAINING_REGISTRY_FILE,
  readLabelledJsonl,
  readRegistry,
} from './train/corpus.ts';
export { type LabelledPost, labelledPostSchema } from './train/labelled-post.ts';
export { dropNullContext } from './train/nullable-context.ts';
export { type Prepared, prepare, type TrainOptions, trainModel, trainToModel } from './train/train-model.ts';
