export {
  ARTEFACT_FORMAT,
  DEFAULT_MODEL_PATH,
  loadModel,
  MODEL_DIM,
  type Model,
  type ModelArtefact,
  modelFromArtefact,
  sparse,
} from './artefact.ts';
export { applyPlatt, chooseThreshold, fitPlatt, type Platt } from './calibrate.ts';
export {
  DEFAULT_LOGISTIC,
  dot,
  type LogisticOptions,
  mulberry32,
  sigmoid,
  type TrainingExample,
  trainLogistic,
} from './logistic.ts';
