// Benchmarks run through jest only for its TypeScript and path-alias handling; they are not part of `npm test`
// (the root jest config lists Nx projects, and this folder is not one). `npm run bench` runs them.
module.exports = {
  displayName: 'bench',
  rootDir: '..',
  preset: './jest.preset.js',
  roots: ['<rootDir>/bench'],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  moduleNameMapper: { '^@meshlens/(model|netparse|analysis)$': '<rootDir>/libs/$1/src/index.ts' },
  // A real Postgres for the suites that start the API: DATABASE_URL's server, or an embedded one.
  globalSetup: '<rootDir>/tools/db/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/tools/db/jest-global-teardown.mjs',
  testTimeout: 30 * 60 * 1000,
};
