#!/usr/bin/env node
// Thin launcher: the lab is TypeScript so the end-to-end tests import the same code through jest; ts-node in
// transpile-only mode runs it here without a build step.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const result = spawnSync(
  process.execPath,
  ['-r', 'ts-node/register/transpile-only', join(here, 'src', 'lab-cli.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: join(here, 'tsconfig.json') } },
);
process.exit(result.status ?? 1);
