import { readFileSync } from 'node:fs';
import { Etcd3, type IOptions } from 'etcd3';
import type { DatastoreConfig } from './datastore-config';

/**
 * Watch reconnect backoff: doubling from 100 ms to 2 s. etcd3's default grows to 30 s, so a watch would sit idle
 * long after a restarted etcd is back.
 */
class CappedBackoff {
  constructor(
    readonly duration: number,
    private readonly max: number,
  ) {}

  next(): CappedBackoff {
    return new CappedBackoff(Math.min(this.duration * 2, this.max), this.max);
  }
}

/**
 * Lets every call through to its host: etcd3's default breaker refuses a host for 5 s after 3 failures. Async like
 * cockatiel's policies: etcd3 reports a failed stream by calling execute() with a function that throws.
 */
const passThrough = {
  execute: async <T>(fn: (context: { signal: AbortSignal }) => T | Promise<T>): Promise<T> => fn({ signal: new AbortController().signal }),
};

export function createEtcdClient(config: DatastoreConfig): Etcd3 {
  const { tls, auth } = config;
  const options: IOptions = {
    hosts: config.endpoints,
    dialTimeout: 3_000,
    faultHandling: {
      host: () => passThrough,
      watchBackoff: new CappedBackoff(100, 2_000),
    } as unknown as IOptions['faultHandling'],
  };
  if (tls) {
    options.credentials = {
      rootCertificate: tls.caFile ? readFileSync(tls.caFile) : (undefined as unknown as Buffer),
      ...(tls.certFile && tls.keyFile ? { certChain: readFileSync(tls.certFile), privateKey: readFileSync(tls.keyFile) } : {}),
    };
  }
  if (auth) options.auth = { username: auth.username, password: auth.password };
  return new Etcd3(options);
}
