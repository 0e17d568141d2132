import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// Every Nx project with a jest config. The workspace root is an Nx project too (package.json), and its own
// entry would run every spec a second time without the projects' transforms: leave it out.
export default async (): Promise<Config> => ({
  projects: (await getJestProjectsAsync()).filter((p) => p !== '<rootDir>'),
});
