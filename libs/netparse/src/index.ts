export * from './lib/parse-result';
