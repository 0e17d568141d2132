import { loadApiConfig } from '../config/api-config';

const HASH = `sha256:${'ab'.repeat(32)}`;

describe('auth settings in loadApiConfig', () => {
  it('should leave keys, origins and limits unset when the environment sets none (the API then runs open)', () => {
    const config = loadApiConfig({});

    expect([config.MESHLENS_API_KEYS, config.MESHLENS_CORS_ORIGINS, config.MESHLENS_RATE_LIMIT_PER_MINUTE]).toEqual([undefined, undefined, undefined]);
  });

  it('should split keys, tokens and origins when they are well-formed', () => {
    const config = loadApiConfig({
      MESHLENS_API_KEYS: ` reader:${HASH}, admin:plain-key `,
      MESHLENS_AGENT_TOKENS: `cluster-token,node-1@${HASH},node-2.example@tok`,
      MESHLENS_CORS_ORIGINS: 'https://ops.example.org,http://127.0.0.1:4200',
      MESHLENS_AGENT_RATE_LIMIT_PER_MINUTE: '120',
    });

    expect(config).toMatchObject({
      MESHLENS_API_KEYS: [`reader:${HASH}`, 'admin:plain-key'],
      MESHLENS_AGENT_TOKENS: ['cluster-token', `node-1@${HASH}`, 'node-2.example@tok'],
      MESHLENS_CORS_ORIGINS: ['https://ops.example.org', 'http://127.0.0.1:4200'],
      MESHLENS_AGENT_RATE_LIMIT_PER_MINUTE: 120,
    });
  });

  it.each([
    ['MESHLENS_API_KEYS', 'root:secret', /MESHLENS_API_KEYS\.0: expected <reader\|operator\|admin>/],
    ['MESHLENS_API_KEYS', 'admin:sha256:abc', /MESHLENS_API_KEYS\.0/],
    ['MESHLENS_AGENT_TOKENS', 'Node_1@tok', /MESHLENS_AGENT_TOKENS\.0: expected \[<node>@\]<token>/],
    ['MESHLENS_AGENT_TOKENS', 'node-1@sha256:xyz', /MESHLENS_AGENT_TOKENS\.0/],
    ['MESHLENS_CORS_ORIGINS', 'https://ops.example.org/path', /MESHLENS_CORS_ORIGINS\.0: expected an origin/],
    ['MESHLENS_RATE_LIMIT_PER_MINUTE', '0', /MESHLENS_RATE_LIMIT_PER_MINUTE/],
  ])('should refuse to start naming %s when it is %j', (name, value, message) => {
    expect(() => loadApiConfig({ [name]: value })).toThrow(message);
  });

  it('should not echo a refused secret in the error', () => {
    expect(() => loadApiConfig({ MESHLENS_API_KEYS: 'root:hunter2' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
