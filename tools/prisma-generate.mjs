#!/usr/bin/env node
// Generates the Prisma client (apps/api/src/generated/prisma) from prisma/schema.prisma without network access.
// The Prisma CLI insists on a schema engine binary, which it would download; `generate` never runs it, so any
// executable will do. We point it at node itself unless the user already provides a real engine.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= process.execPath;

const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const run = spawnSync(process.execPath, [cli, 'generate', '--schema', join(root, 'prisma', 'schema.prisma')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
