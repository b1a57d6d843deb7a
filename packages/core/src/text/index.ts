export { clipJsonDepth, MAX_RAW_DEPTH, TOO_DEEP_MARKER } from './bounded-json.ts';
export { storableJson, storableText, unstorableReason } from './storable-text.ts';
