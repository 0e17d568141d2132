import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { stopProcess } from './bird-daemon';
import { resolveLabOptions, stateFileOf, type LabOptions } from './lab-options';
import { readState } from './lab-state';
import { isStackProcess, stopGroup } from './meshlens-stack';
import { ensureSbinOnPath } from './preflight';
import { ipBatch } from './run-command';

export interface LabDownResult {
  wasUp: boolean;
  processesStopped: number;
  namespacesDeleted: number;
  filesRemoved: number;
}

/** Removes exactly what the state file lists: processes (by PID and start time), namespaces, files. Idempotent. */
export async function labDown(options: LabOptions = {}): Promise<LabDownResult> {
  const opts = resolveLabOptions(options);
  ensureSbinOnPath();
  const stateFile = stateFileOf(opts.stateDir);
  const state = readState(stateFile);
  if (!state) return { wasUp: false, processesStopped: 0, namespacesDeleted: 0, filesRemoved: 0 };

  // BIRD keeps its routes on exit (persist), but the namespaces go next, taking every route with them.
  // Agents and the dashboard first, then the API (it stops its embedded Postgres), then the lab's own daemons.
  const stack = state.processes.filter(isStackProcess);
  await Promise.all(stack.filter((proc) => proc.kind !== 'api').map(stopGroup));
  await Promise.all(stack.filter((proc) => proc.kind === 'api').map(stopGroup));
  await Promise.all(state.processes.filter((proc) => !isStackProcess(proc)).map((proc) => stopProcess(proc)));
  const namespaces = state.namespaces.filter((name) => existsSync(`/run/netns/${name}`));
  // Pods first, the underlay last: deleting a namespace also deletes the veth ends that live in it.
  await ipBatch(null, [...namespaces].reverse().map((name) => `netns del ${name}`));
  let filesRemoved = 0;
  for (const file of state.files) {
    if (existsSync(file)) {
      rmSync(file, { recursive: true, force: true });
      filesRemoved++;
    }
  }
  rmSync(stateFile, { force: true });
  rmSync(`${stateFile}.tmp`, { force: true });
  if (existsSync(opts.stateDir) && readdirSync(opts.stateDir).length === 0) rmdirSync(opts.stateDir);
  return { wasUp: true, processesStopped: state.processes.length, namespacesDeleted: namespaces.length, filesRemoved };
}
