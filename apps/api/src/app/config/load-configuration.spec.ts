import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownConfigKeys, loadConfiguration } from './load-configuration';

describe('loadConfiguration', () => {
  let dir: string;
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'meshlens-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should take settings from the YAML file when the environment leaves them unset', () => {
    const path = file('meshlens.yaml', 'PORT: 8080\nMESHLENS_AGENT_TOKENS: [a, b]\nMESHLENS_REDIS_URL: redis://cache:6379\n');

    const loaded = loadConfiguration({ MESHLENS_CONFIG: path });

    expect(loaded.env).toMatchObject({ PORT: '8080', MESHLENS_AGENT_TOKENS: 'a,b', MESHLENS_REDIS_URL: 'redis://cache:6379' });
    expect(loaded.fromFile.sort()).toEqual(['MESHLENS_AGENT_TOKENS', 'MESHLENS_REDIS_URL', 'PORT']);
    expect(loaded.file).toBe(path);
  });

  it('should let an environment variable override the file when both set a key', () => {
    const path = file('meshlens.json', JSON.stringify({ PORT: 8080, LOG_LEVEL: 'debug' }));

    const loaded = loadConfiguration({ MESHLENS_CONFIG: path, PORT: '9090' });

    expect(loaded.env).toMatchObject({ PORT: '9090', LOG_LEVEL: 'debug' });
    expect(loaded.fromFile).toEqual(['LOG_LEVEL']);
  });

  it('should name the key and the file when a file value is invalid', () => {
    const path = file('bad.yaml', 'PORT: http\nMESHLENS_ETCD_ENDPOINTS: etcd:2379\n');

    expect(() => loadConfiguration({ MESHLENS_CONFIG: path })).toThrow(
      new RegExp(`PORT \\(in ${path}\\): .*\\n.*MESHLENS_ETCD_ENDPOINTS \\(in ${path}\\): expected an etcd client URL`),
    );
  });

  it('should say a bad value came from the environment when it did', () => {
    expect(() => loadConfiguration({ MESHLENS_LEADER_CHECK_MS: '5' })).toThrow(/MESHLENS_LEADER_CHECK_MS \(environment variable\): /);
  });

  it('should refuse an unknown key in the file and suggest the one meant', () => {
    const path = file('typo.yaml', 'MESHLENS_AGENT_TOKEN: secret\n');

    expect(() => loadConfiguration({ MESHLENS_CONFIG: path })).toThrow(
      `MESHLENS_AGENT_TOKEN (in ${path}): unknown setting (did you mean MESHLENS_AGENT_TOKENS?)`,
    );
  });

  it('should refuse a nested value naming its key and the file', () => {
    const path = file('nested.yaml', 'MESHLENS_ETCD_ENDPOINTS:\n  primary: http://etcd:2379\n');

    expect(() => loadConfiguration({ MESHLENS_CONFIG: path })).toThrow(`MESHLENS_ETCD_ENDPOINTS (in ${path}): expected a string, number, boolean or list`);
  });

  it('should refuse a file that is not a mapping', () => {
    const path = file('list.yaml', '- PORT\n- HOST\n');

    expect(() => loadConfiguration({ MESHLENS_CONFIG: path })).toThrow(`the config file ${path} must hold a mapping of settings (KEY: value), not a list`);
  });

  it('should name the file and the variable when the file cannot be read', () => {
    const path = join(dir, 'missing.yaml');

    expect(() => loadConfiguration({ MESHLENS_CONFIG: path })).toThrow(`cannot read the config file ${path} (MESHLENS_CONFIG)`);
  });

  it('should report malformed YAML naming the file', () => {
    const path = file('broken.yaml', 'PORT: [8080\n');

    expect(() => loadConfiguration({ MESHLENS_CONFIG: path })).toThrow(`the config file ${path} is not valid YAML or JSON`);
  });

  it('should know the keys of every part of the configuration', () => {
    expect(knownConfigKeys()).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'MESHLENS_ETCD_ENDPOINTS', 'MESHLENS_ALERT_SWEEP_MS', 'MESHLENS_HISTORY_RETENTION', 'MESHLENS_REDIS_URL']),
    );
  });
});
