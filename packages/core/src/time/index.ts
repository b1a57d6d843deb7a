export * from './indonesian-zone.ts';
export * from './instant-input.ts';
