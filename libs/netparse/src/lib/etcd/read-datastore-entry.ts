import type { DatastoreEntry, DatastoreEntryKind, DatastoreSource } from '@meshlens/model';
import type { ParseResult } from '../parse-result';
import { excerptOf, type EtcdKv } from './etcd-kv';
import { parseCalicoBlockAffinity } from './parse-calico-block-affinity';
import { parseCalicoIpPool } from './parse-calico-ip-pool';
import { parseCalicoIpamBlock } from './parse-calico-ipam-block';
import { parseCalicoKey } from './parse-calico-key';
import { parseFlannelConfig } from './parse-flannel-config';
import { parseFlannelKey } from './parse-flannel-key';
import { parseFlannelLease } from './parse-flannel-lease';

export interface WatchedPrefix {
  source: DatastoreSource;
  prefix: string;
}

type Expected = Exclude<DatastoreEntryKind, 'malformed'>;

function entryOf<T>(
  kind: Expected,
  where: WatchedPrefix,
  kv: EtcdKv,
  result: ParseResult<T>,
): DatastoreEntry {
  if ('value' in result) return { kind, value: result.value } as DatastoreEntry;
  return {
    kind: 'malformed',
    value: { source: where.source, key: kv.key, expected: kind, message: result.error.message, excerpt: excerptOf(kv.value) },
  };
}

/**
 * What one key under a watched prefix holds: a Flannel config or lease, a Calico pool, block or affinity, or a
 * `malformed` entry naming what the key should have held and why its value is not that. Keys meshlens does not
 * read (Calico's workload endpoints, handles, Felix status, ...) give null. Never throws.
 */
export function readDatastoreEntry(where: WatchedPrefix, kv: EtcdKv): DatastoreEntry | null {
  if (where.source === 'flannel') {
    const key = parseFlannelKey(where.prefix, kv.key);
    if (!key) return null;
    if (key.kind === 'config') return entryOf('flannel-config', where, kv, parseFlannelConfig(where.prefix, kv.value));
    if (key.kind === 'bad-lease') {
      return entryOf('flannel-lease', where, kv, { ok: false, error: { source: 'flannel-lease', message: key.reason } });
    }
    return entryOf('flannel-lease', where, kv, parseFlannelLease(where.prefix, kv, key.subnet, key.ipv6Subnet));
  }
  const key = parseCalicoKey(where.prefix, kv.key);
  if (!key) return null;
  switch (key.kind) {
    case 'ip-pool':
      return entryOf('calico-ip-pool', where, kv, parseCalicoIpPool(key.name, kv.value));
    case 'ipam-block':
      return entryOf('calico-ipam-block', where, kv, parseCalicoIpamBlock(key.cidr, kv.value));
    case 'block-affinity':
      return entryOf('calico-block-affinity', where, kv, parseCalicoBlockAffinity(key.node, key.cidr, kv.value));
  }
}
