const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // The findings sweep's worker thread, found beside main.js at run time (src/app/findings/create-cluster-checks-runner.ts).
      additionalEntryPoints: [{ entryName: 'checks-worker', entryPath: './src/checks-worker.ts' }],
      tsConfig: './tsconfig.app.json',
      assets: [
        './src/assets',
        // Applied by the API itself at start (src/app/database/migration-runner.ts).
        { input: '../../prisma/migrations', glob: '**/*', output: 'migrations' },
      ],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};
