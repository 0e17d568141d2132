module.exports = {
  displayName: 'lab',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['**/*.lab-spec.ts', '**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/jest-timeout.ts'],
  coverageDirectory: '../../coverage/test/lab',
};
