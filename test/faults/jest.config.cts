// Fault tests: the built API and agents as real processes while their Postgres, etcd, API or a webhook receiver
// fails under them (SIGKILL, restart, compaction, a receiver that never answers). globalSetup is the e2e project's
// (builds api and agent once, starts the test Postgres); tests that need root or etcd skip and say why.
module.exports = {
  displayName: 'faults',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.fault-spec.ts'],
  moduleNameMapper: { '^@meshlens/(model|netparse|analysis)$': '<rootDir>/../../libs/$1/src/index.ts' },
  globalSetup: '../e2e/support/global-setup.mjs',
  globalTeardown: '../../tools/db/jest-global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/support/jest-timeout.ts'],
};
