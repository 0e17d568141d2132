import { stopTestPostgres } from './jest-global-setup.mjs';

export default async function globalTeardown() {
  await stopTestPostgres();
}
