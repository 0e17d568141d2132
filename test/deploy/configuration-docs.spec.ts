import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { knownConfigKeys } from '../../apps/api/src/app/config/load-configuration';
import { ROOT } from './support/repo-entries';

describe('docs/configuration.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');

  it('should document every setting the API accepts', () => {
    expect(knownConfigKeys().filter((key) => !doc.includes(`\`${key}\``))).toEqual([]);
  });

  it('should document no setting the API would refuse', () => {
    const documented = new Set([...doc.matchAll(/`((?:MESHLENS_|DATABASE_URL|PORT|HOST|LOG_LEVEL|NODE_ENV)[A-Z0-9_]*)`/g)].map((m) => m[1]));
    const known = new Set([...knownConfigKeys(), 'MESHLENS_CONFIG', 'MESHLENS_API_URL']);
    expect([...documented].filter((key) => !known.has(key))).toEqual([]);
  });
});
