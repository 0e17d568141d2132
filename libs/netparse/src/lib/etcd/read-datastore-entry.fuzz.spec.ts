import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datastoreEntrySchema } from '@meshlens/model';
import { readDatastoreEntry, type WatchedPrefix } from './read-datastore-entry';
import { pick, prng, type Rng } from '../seeded-random.test-util';


const SCALARS: unknown[] = [null, true, 0, -1, 2 ** 63, 1.5, '', 'x', '10.0.0.1', '10.0.0.0/99', 'zz:zz', [], {}, [null], { a: 1 }];

/** Replaces, drops or retypes fields of a real value, or cuts its text. */
function mutate(rng: Rng, text: string): string {
  if (rng() < 0.2) return text.slice(0, Math.floor(rng() * text.length));
  const walk = (v: unknown): unknown => {
    if (rng() < 0.15) return pick(rng, SCALARS);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (rng() > 0.1) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return JSON.stringify(walk(JSON.parse(text)));
}

const FIXTURES: Array<[WatchedPrefix, string, string]> = [
  [{ source: 'flannel', prefix: '/coreos.com/network' }, '/coreos.com/network/config', 'flannel/config-udp-subnet-range.json'],
  [{ source: 'flannel', prefix: '/coreos.com/network' }, '/coreos.com/network/subnets/10.5.52.0-24', 'flannel/lease-vxlan.json'],
  [{ source: 'calico', prefix: '/calico' }, '/calico/resources/v3/projectcalico.org/ippools/p', 'calico/ippool-host-bits.json'],
  [{ source: 'calico', prefix: '/calico' }, '/calico/ipam/v2/assignment/ipv4/block/100.112.209.128-26', 'calico/block-pods.json'],
  [{ source: 'calico', prefix: '/calico' }, '/calico/ipam/v2/host/n/ipv4/block/10.0.0.0-26', 'calico/affinity-confirmed.json'],
];

describe('readDatastoreEntry on mutated real values', () => {
  it.each(FIXTURES)('should return a valid entry or a malformed one, never throw, when %s values are mangled', (where, key, file) => {
    const text = readFileSync(join(__dirname, '__fixtures__', file), 'utf8');
    const rng = prng(key.length);
    for (let i = 0; i < 300; i++) {
      const value = mutate(rng, text);
      const entry = readDatastoreEntry(where, { key, value, modRevision: '1', lease: '0' });
      // Every answer is a schema-valid model object: the watcher stores it as is.
      const check = datastoreEntrySchema.safeParse(entry);
      if (!check.success) throw new Error(`invalid entry for ${value}: ${check.error.message}`);
    }
  });
});
