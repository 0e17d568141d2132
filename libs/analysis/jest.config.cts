module.exports = {
  displayName: 'analysis',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../coverage/libs/analysis',
};
