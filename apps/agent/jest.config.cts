module.exports = {
  displayName: 'agent',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../coverage/apps/agent',
};
