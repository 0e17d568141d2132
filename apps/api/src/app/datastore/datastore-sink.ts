import type { DatastoreEntry, DatastoreWatchStatus } from '@meshlens/model';
import type { WatchedPrefix } from '@meshlens/netparse';

/** One key as read from etcd, with the revision it was written at and its lease. */
export interface StoredEntry {
  key: string;
  entry: DatastoreEntry;
  /** int64 as decimal text. */
  modRevision: string;
  /** etcd lease ID as decimal text, "0" for none. */
  lease: string;
}

/** A delete's `modRevision` is the revision etcd deleted the key at (int64 as decimal text). */
export type EntryChange = { type: 'put'; stored: StoredEntry } | { type: 'delete'; key: string; modRevision: string };

/** Where a prefix watcher hands what it reads; calls for one prefix never overlap. */
export interface DatastoreSink {
  /** The complete content of the prefix at `revision`: keys not in `entries` are gone. */
  replace(where: WatchedPrefix, entries: StoredEntry[], revision: string): Promise<void>;
  apply(where: WatchedPrefix, changes: EntryChange[], revision: string): Promise<void>;
  status(status: DatastoreWatchStatus): void;
}
