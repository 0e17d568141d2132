export * from './bird-client';
export * from './bgp-session-reader';
