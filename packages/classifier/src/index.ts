export { classify, decide, resolveCandidate } from './classify/classify.ts';
export { describeError, mergeRegistries, parseRegistryText, readRegistries } from './cli-support.ts';
export {
  contestFolds,
  contestOfPost,
  crossValidate,
  crossValidateRows,
  type EvalReport,
  evaluateModel,
  kFolds,
  type ScoredRow,
  sourceFolds,
  sourceRepo,
} from './eval/evaluate.ts';
export { FAMILIES, type Family, type FamilyRow, familiesOf, familyTable } from './eval/families.ts';
export { computeMetrics, type Metrics, metricsBy, type Scored } from './eval/metrics.ts';
export { evaluateSuite, SUITE_PARTS, type SuiteInput, type SuitePart, type SuiteReport } from './eval/suite.ts';
export { type Analysis, analyse, fullText } from './features/extract-features.ts';
export { detectLanguage } from './language/detect-language.ts';
export {
  DEFAULT_MODEL_PATH,
  loadModel,
  type Model,
  type ModelArtefact,
  modelFromArtefact,
  thresholdInForce,
  withThreshold,
} from './model/artefact.ts';
export { chooseThreshold, type PrPoint, prCurve } from './model/calibrate.ts';
export { tokenize } from './normalise/tokenize.ts';
export { type CompiledRegistry, compileRegistry, contestsOf } from './registry/compile-registry.ts';
export {
  CORPUS_DIR,
  CORPUS_EXTRA_DIR,
  DEFAULT_REGISTRY_FILE,
  DEFAULT_TRAINING_FILES,
  DEFAULT_TRAINING_REGISTRY_FILES,
  defaultTrainingSet,
  EXTRA_TRAINING_FILE,
  EXTRA_TRAINING_REGISTRY_FILE,
  fileDigest,
  IMAGE_TEXT_TRAINING_FILE,
  REAL_CORPUS_DIR,
  REAL_TRAINING_FILE,
  REAL_TRAINING_REGISTRY_FILE,
  REPO_ROOT,
  readLabelledJsonl,
  readRegistry,
  type TrainingSet,
} from './train/corpus.ts';
export { type LabelledPost, labelledPostSchema } from './train/labelled-post.ts';
export { dropNullContext } from './train/nullable-context.ts';
export {
  DEFAULT_MIN_RECALL,
  type Prepared,
  prepare,
  type TrainOptions,
  trainModel,
  trainToModel,
} from './train/train-model.ts';
