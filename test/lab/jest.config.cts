module.exports = {
  displayName: 'lab',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['**/*.lab-spec.ts', '**/*.spec.ts'],
  testTimeout: 120000,
  coverageDirectory: '../../coverage/test/lab',
};
