export * from './flannel.schema';
export * from './calico.schema';
export * from './datastore-entry.schema';
export * from './datastore-api.schema';
