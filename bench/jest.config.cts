// Benchmarks run through jest only for its TypeScript and path-alias handling; they are not part of `npm test`
// (the root jest config lists projects, and this folder is not one). `npm run bench` runs them.
module.exports = {
  displayName: 'bench',
  preset: '../jest.preset.js',
  rootDir: '..',
  roots: ['<rootDir>/bench'],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  testTimeout: 30 * 60 * 1000,
};
