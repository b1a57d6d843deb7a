export * from './indonesian-zone.ts';
