export * from './lib/analysis';
