export { checkImageDecodes, type DecodeCheckOptions, pngHasEnd } from './decode-check.ts';
export { claimedFormat, type ImageFormat, inspectImage, isAnimated, sniffFormat } from './image-format.ts';
export { isSignal, mergeVariants, type OcrWord, toLines, variantScore } from './merge-words.ts';
export { isOcrError, OCR_ERROR_CODES, OcrError, type OcrErrorCode } from './ocr-error.ts';
export { imageDimensions, preprocess, scaleFor, VARIANTS, type Variant } from './preprocess.ts';
export {
  OCR_DEFAULTS,
  OCR_PIPELINE_VERSION,
  type OcrOptions,
  type OcrResult,
  ocrEngine,
  type ReadOptions,
  readImage,
  readImageFile,
} from './read-image.ts';
export { parseTsv, type RawWord, runTesseract, tesseractVersion } from './tesseract-cli.ts';
