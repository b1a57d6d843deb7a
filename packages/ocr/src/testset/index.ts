export { esc, seeded } from './html-kit.ts';
export { type HtmlRenderer, type RenderedImage, renderTestSet } from './render.ts';
export { buildTestSet, type ExpectedTerm, type TestImage } from './test-set.ts';
export {
  emptyRecall,
  ocrWords,
  type RecallByKind,
  type RecallTally,
  recallOf,
  tallyRecall,
  termWords,
} from './word-recall.ts';
