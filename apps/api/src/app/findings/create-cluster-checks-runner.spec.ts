import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChecksWorkerThread } from './checks-worker-thread';
import { CHECKS_WORKER_FILE, createClusterChecksRunner } from './create-cluster-checks-runner';

describe('createClusterChecksRunner', () => {
  let dir: string;
  let debug: string[];
  const logger = { log: () => undefined, debug: (m: string) => debug.push(m) };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshlens-checks-runner-'));
    debug = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should use the worker thread when its script is beside the bundle', async () => {
    writeFileSync(join(dir, CHECKS_WORKER_FILE), '');
    const runner = createClusterChecksRunner(logger, { dir, bundled: true });
    expect(runner).toBeInstanceOf(ChecksWorkerThread);
    await runner.close();
  });

  it('should refuse to start when a bundle lacks the worker script', () => {
    expect(() => createClusterChecksRunner(logger, { dir, bundled: true })).toThrow(`${CHECKS_WORKER_FILE} is missing`);
  });

  it('should run the checks in-process and say so at debug level when run from the TypeScript sources', async () => {
    const runner = createClusterChecksRunner(logger, { dir, bundled: false });
    expect(runner).not.toBeInstanceOf(ChecksWorkerThread);
    expect(await runner.run('[]')).toEqual([]);
    expect(debug).toEqual([expect.stringContaining('run in-process')]);
  });
});
