import { z } from 'zod';
import type { WatchedPrefix } from '@meshlens/netparse';

const list = (s: string): string[] =>
  s
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

const prefixList = z
  .string()
  .transform(list)
  .pipe(z.array(z.string().regex(/^\/[^\s]*[^/\s]$/, 'a prefix starts with "/" and does not end with "/"')));

export const datastoreConfigSchema = z
  .object({
    /** Comma-separated etcd client URLs; none: the datastore features report that no etcd is configured. */
    MESHLENS_ETCD_ENDPOINTS: z
      .string()
      .default('')
      .transform(list)
      .pipe(z.array(z.string().regex(/^https?:\/\/[^\s/]+\/?$/, 'expected an etcd client URL like https://10.0.0.1:2379'))),
    /** PEM files for TLS: CA to verify etcd, client certificate and key (both or neither). */
    MESHLENS_ETCD_CA: z.string().min(1).optional(),
    MESHLENS_ETCD_CERT: z.string().min(1).optional(),
    MESHLENS_ETCD_KEY: z.string().min(1).optional(),
    MESHLENS_ETCD_USERNAME: z.string().min(1).optional(),
    MESHLENS_ETCD_PASSWORD: z.string().min(1).optional(),
    /** Comma-separated: one flanneld serves one network, so a cluster with several networks has several prefixes. Empty: none. */
    MESHLENS_FLANNEL_PREFIX: prefixList.default(['/coreos.com/network']),
    /** Empty: Calico is not watched. */
    MESHLENS_CALICO_PREFIX: prefixList.default(['/calico']),
  })
  .superRefine((c, ctx) => {
    if (!!c.MESHLENS_ETCD_CERT !== !!c.MESHLENS_ETCD_KEY) {
      ctx.addIssue({ code: 'custom', path: ['MESHLENS_ETCD_CERT'], message: 'MESHLENS_ETCD_CERT and MESHLENS_ETCD_KEY go together' });
    }
    if (!!c.MESHLENS_ETCD_USERNAME !== !!c.MESHLENS_ETCD_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MESHLENS_ETCD_USERNAME'], message: 'MESHLENS_ETCD_USERNAME and MESHLENS_ETCD_PASSWORD go together' });
    }
    if (c.MESHLENS_CALICO_PREFIX.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['MESHLENS_CALICO_PREFIX'], message: 'Calico has one datastore prefix' });
    }
  })
  .transform(
    (c): DatastoreConfig => ({
      endpoints: c.MESHLENS_ETCD_ENDPOINTS,
      tls:
        c.MESHLENS_ETCD_CA || c.MESHLENS_ETCD_CERT
          ? { caFile: c.MESHLENS_ETCD_CA, certFile: c.MESHLENS_ETCD_CERT, keyFile: c.MESHLENS_ETCD_KEY }
          : undefined,
      auth: c.MESHLENS_ETCD_USERNAME ? { username: c.MESHLENS_ETCD_USERNAME, password: c.MESHLENS_ETCD_PASSWORD ?? '' } : undefined,
      prefixes: [
        ...c.MESHLENS_FLANNEL_PREFIX.map((prefix): WatchedPrefix => ({ source: 'flannel', prefix })),
        ...c.MESHLENS_CALICO_PREFIX.map((prefix): WatchedPrefix => ({ source: 'calico', prefix })),
      ],
    }),
  );

export interface DatastoreConfig {
  endpoints: string[];
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  auth?: { username: string; password: string };
  prefixes: WatchedPrefix[];
}

export const DATASTORE_CONFIG = Symbol('DATASTORE_CONFIG');

export const isDatastoreConfigured = (c: DatastoreConfig): boolean => c.endpoints.length > 0 && c.prefixes.length > 0;

export const calicoPrefixOf = (c: DatastoreConfig): string | undefined => c.prefixes.find((p) => p.source === 'calico')?.prefix;

/** Reads and validates the etcd settings from the environment; throws one error listing every bad variable. */
export function loadDatastoreConfig(env: NodeJS.ProcessEnv = process.env): DatastoreConfig {
  const result = datastoreConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid datastore configuration:\n${lines.join('\n')}`);
}
