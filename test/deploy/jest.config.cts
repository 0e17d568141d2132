// Deployment tests: docker-compose.yml and deploy/kubernetes checked against the Dockerfile, the repository and
// the API's config schemas (*.spec.ts, no Docker engine needed), and the built API run as several real replicas
// on a real Postgres and the real Redis on 127.0.0.1:6379 (*.e2e-spec.ts). globalSetup builds the API once.
module.exports = {
  displayName: 'deploy',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '../../tools/db/jest-global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/support/jest-timeout.ts'],
};
