// End-to-end tests on the namespace lab: the built API and one built agent per lab node, on a real Postgres
// and the lab's etcd. globalSetup is the e2e project's (builds api and agent once, starts the test Postgres).
module.exports = {
  displayName: 'lab-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.lab-e2e-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '../../tools/db/jest-global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/support/jest-timeout.ts'],
};
