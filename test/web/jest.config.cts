// Browser tests: the real API (on a fresh database of the test Postgres) and the real built web app, driven
// through Debian's chromium with playwright-core.
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '../../tools/db/jest-global-teardown.mjs',
  coverageDirectory: '../../coverage/test/web',
};
