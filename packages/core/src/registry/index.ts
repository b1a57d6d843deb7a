export * from './contests-for-region.ts';
export * from './registry-schema.ts';
export * from './registry-text.ts';
