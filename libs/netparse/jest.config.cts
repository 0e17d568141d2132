module.exports = {
  displayName: 'netparse',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../coverage/libs/netparse',
};
