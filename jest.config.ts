import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// Every Nx project with a jest config. The workspace root is an Nx project too (package.json), and its own
// entry would run every spec a second time without the projects' transforms: leave it out.
// testTimeout is a global option: the projects' own values apply only when a project runs alone (jest -c ...).
// tools/run-tests.mjs (npm test) sets MESHLENS_TEST_PROGRESS_FILE: its reporter names test files that run for long.
export default async (): Promise<Config> => ({
  testTimeout: 30_000,
  ...(process.env['MESHLENS_TEST_PROGRESS_FILE']
    ? { reporters: ['default', '<rootDir>/tools/jest-progress-reporter.cjs'] }
    : {}),
  projects: (await getJestProjectsAsync()).filter((p) => p !== '<rootDir>'),
});
