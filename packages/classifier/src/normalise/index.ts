export { fold, isShouted } from './fold.ts';
export { type NumberReading, readGesture, readNumber } from './numbers.ts';
export { standardise } from './slang.ts';
export { stem } from './stem.ts';
export { type Token, type TokenKind, tokenize } from './tokenize.ts';
