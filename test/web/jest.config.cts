// Browser tests: the real API (on a fresh database of the test Postgres) and the real built web app, driven
// through Debian's chromium with playwright-core.
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '../../tools/db/jest-global-setup.mjs',
  globalTeardown: '../../tools/db/jest-global-teardown.mjs',
  // Includes building api and web when the Nx cache does not have them yet.
  testTimeout: 300_000,
  coverageDirectory: '../../coverage/test/web',
};
