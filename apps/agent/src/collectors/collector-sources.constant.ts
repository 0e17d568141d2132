/** Every data source the agent knows, named like the table it fills (identity fills NodeIdentity). */
export const COLLECTOR_SOURCES = ['links', 'addresses', 'routes', 'neighbors', 'fdb', 'cniConfigs', 'bgpSessions', 'identity'] as const;
export type CollectorSource = (typeof COLLECTOR_SOURCES)[number];
