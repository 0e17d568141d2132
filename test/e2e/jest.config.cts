// End-to-end tests: the built API and agent as real processes, on a real Postgres (DATABASE_URL's server or an
// embedded one), over HTTP. globalSetup builds both apps once (Nx caches the build).
module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '../../tools/db/jest-global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/support/jest-timeout.ts'],
};
