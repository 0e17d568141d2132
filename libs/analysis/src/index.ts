export * from './lib/diff';
