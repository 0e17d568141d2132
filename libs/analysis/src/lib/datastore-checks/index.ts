export * from './cite-datastore.util';
export * from './lease-owner.util';
export * from './check-lease-vteps';
export * from './check-lease-routes';
export * from './check-lease-expiry';
export * from './check-calico-ipam';
export * from './ipam-usage';
export * from './run-datastore-checks';
