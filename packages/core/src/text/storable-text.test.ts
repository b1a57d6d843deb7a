import { describe, expect, it } from 'vitest';
import { storableJson, storableText } from './storable-text.ts';

describe('storableText', () => {
  it('replaces NUL and unpaired surrogates one unit for one, and leaves clean text as it is', () => {
    expect(storableText('a\u0000b\ud800c')).toBe('a\ufffdb\ufffdc');
    expect(storableText('a\u0000b').length).toBe(3);
    expect(storableText('Ayo coblos 😀')).toBe('Ayo coblos 😀');
  });
  it('makes every string of a JSON value storable, keys of clean values untouched', () => {
    expect(storableJson({ a: 'x\u0000', b: ['\udc00'], c: 1 })).toBe('{"a":"x\ufffd","b":["\ufffd"],"c":1}');
    expect(storableJson({ a: 'ok' })).toBe('{"a":"ok"}');
    expect(storableJson(null)).toBeNull();
  });
});
