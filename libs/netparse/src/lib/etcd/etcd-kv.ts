/** One key as etcd returns it, decoded: what every datastore parser reads. */
export interface EtcdKv {
  key: string;
  value: string;
  /** int64 revisions and lease IDs stay decimal strings: a JS number rounds above 2^53. */
  modRevision: string;
  /** "0" when the key carries no lease. */
  lease: string;
}

/** Go's encoding/json matches object keys case-insensitively (flanneld reads "network" as Network): so do we. */
export function goField(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : record[found];
}

export const excerptOf = (value: string, max = 300): string => (value.length > max ? `${value.slice(0, max)}...` : value);
