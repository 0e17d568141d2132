import { loadApiConfig } from './api-config';

describe('loadApiConfig', () => {
  it('should apply the defaults when the environment sets nothing', () => {
    expect(loadApiConfig({})).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      MESHLENS_DATA_DIR: '.data',
      MESHLENS_AGENT_TOKENS: [],
      MESHLENS_BODY_LIMIT: 32 * 1024 * 1024,
      LOG_LEVEL: 'info',
    });
  });

  it('should split tokens and parse sizes when they are given', () => {
    const config = loadApiConfig({ MESHLENS_AGENT_TOKENS: ' a, b ,,c', MESHLENS_BODY_LIMIT: '512kb', PORT: '8080' });

    expect(config).toMatchObject({ MESHLENS_AGENT_TOKENS: ['a', 'b', 'c'], MESHLENS_BODY_LIMIT: 512 * 1024, PORT: 8080 });
  });

  it('should name every bad variable when the environment is invalid', () => {
    expect(() => loadApiConfig({ PORT: 'http', DATABASE_URL: 'mysql://x', MESHLENS_BODY_LIMIT: 'lots' })).toThrow(
      /PORT: .*\n.*DATABASE_URL: expected a postgresql:\/\/ connection string\n.*MESHLENS_BODY_LIMIT: expected a size/,
    );
  });
});
