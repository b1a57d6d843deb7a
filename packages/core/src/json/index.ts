export { assertJsonBounds, DEFAULT_JSON_BOUNDS, type JsonBounds } from './json-bounds.ts';
