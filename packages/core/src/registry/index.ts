export * from './contests-for-region.ts';
export * from './registry-schema.ts';
