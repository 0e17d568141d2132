module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../coverage/apps/api',
  // Units beside the code, and integration tests against a real Postgres (a fresh database per file).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.integration-spec.ts'],
  globalSetup: '../../tools/db/jest-global-setup.mjs',
  globalTeardown: '../../tools/db/jest-global-teardown.mjs',
  // Starting Nest, migrating a fresh database and embedded Postgres take a few seconds on a busy machine.
  testTimeout: 30_000,
};
