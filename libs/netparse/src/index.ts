export * from './lib/netparse';
