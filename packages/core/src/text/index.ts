export { storableJson, storableText } from './storable-text.ts';
