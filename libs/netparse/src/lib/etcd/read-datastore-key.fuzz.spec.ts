import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datastoreEntrySchema } from '@meshlens/model';
import { readDatastoreEntry, type WatchedPrefix } from './read-datastore-entry';
import { pick, prng, type Rng } from '../seeded-random.test-util';


/** Pieces keys are cut from and spliced with: separators, CIDR and dual-stack forms, and junk. */
const PIECES = ['/', '-', '&', ':', '.', '24', '26', '99', '0', '10.244.1.0', '999.1.1.1', 'fd00::', 'host:node-1', '..', '%2F', '', 'x'.repeat(300), '\u0000', '💥'];

/** Drops, repeats or replaces a piece of a real key, or splices junk into it. */
function mutateKey(rng: Rng, key: string): string {
  const parts = key.split(/(?=[/&-])/);
  const i = Math.floor(rng() * parts.length);
  switch (pick(rng, ['drop', 'repeat', 'replace', 'splice', 'cut'] as const)) {
    case 'drop':
      parts.splice(i, 1);
      break;
    case 'repeat':
      parts.splice(i, 0, parts[i]);
      break;
    case 'replace':
      parts[i] = pick(rng, PIECES);
      break;
    case 'splice':
      parts[i] = `${parts[i]}${pick(rng, PIECES)}${pick(rng, PIECES)}`;
      break;
    case 'cut':
      return key.slice(0, Math.floor(rng() * key.length));
  }
  return parts.join('');
}

// The keys of the value fuzz test (read-datastore-entry.fuzz.spec.ts) with their real values: here the key moves.
const KEYS: Array<{ where: WatchedPrefix; key: string; file: string }> = [
  { where: { source: 'flannel', prefix: '/coreos.com/network' }, key: '/coreos.com/network/config', file: 'flannel/config-host-gw.json' },
  { where: { source: 'flannel', prefix: '/coreos.com/network' }, key: '/coreos.com/network/subnets/10.5.52.0-24', file: 'flannel/lease-vxlan.json' },
  { where: { source: 'flannel', prefix: '/coreos.com/network' }, key: '/coreos.com/network/subnets/10.5.52.0-24&fd00:10:5:34::-64', file: 'flannel/lease-vxlan-legacy.json' },
  { where: { source: 'calico', prefix: '/calico' }, key: '/calico/resources/v3/projectcalico.org/ippools/default-ipv4-ippool', file: 'calico/ippool-host-bits.json' },
  { where: { source: 'calico', prefix: '/calico' }, key: '/calico/ipam/v2/assignment/ipv4/block/100.112.209.128-26', file: 'calico/block-pods.json' },
  { where: { source: 'calico', prefix: '/calico' }, key: '/calico/ipam/v2/host/node-1/ipv4/block/10.0.0.0-26', file: 'calico/affinity-confirmed.json' },
];

describe('readDatastoreEntry on mutated real keys', () => {
  it.each(KEYS)('should return null, a valid entry or a malformed one, never throw, when keys like $key are mangled', ({ where, key, file }) => {
    const value = readFileSync(join(__dirname, '__fixtures__', file), 'utf8');
    const rng = prng(key.length * 31);
    for (let i = 0; i < 400; i++) {
      const mutated = mutateKey(rng, rng() < 0.3 ? mutateKey(rng, key) : key);
      const entry = readDatastoreEntry(where, { key: mutated, value, modRevision: '1', lease: '0' });
      if (entry === null) continue;
      const check = datastoreEntrySchema.safeParse(entry);
      if (!check.success) throw new Error(`invalid entry for key ${JSON.stringify(mutated)}: ${check.error.message}`);
    }
  });
});
