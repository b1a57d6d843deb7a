export { storableJson, storableText, unstorableReason } from './storable-text.ts';
