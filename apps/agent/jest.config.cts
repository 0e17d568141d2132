module.exports = {
  displayName: 'agent',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.integration-spec.ts'],
  coverageDirectory: '../../coverage/apps/agent',
};
