import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Programs the lab runs, with the Debian package that ships each. */
export const REQUIRED_PROGRAMS: Array<{ program: string; pkg: string }> = [
  { program: 'ip', pkg: 'iproute2' },
  { program: 'bridge', pkg: 'iproute2' },
  { program: 'bird', pkg: 'bird' },
  { program: 'birdc', pkg: 'bird' },
  { program: 'etcd', pkg: 'etcd-server' },
  { program: 'ping', pkg: 'iputils-ping' },
  { program: 'sysctl', pkg: 'procps' },
];

// A non-root PATH often lacks the sbin folders where ip and bird live.
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

export function findProgram(program: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_DIRS].filter(Boolean);
  for (const dir of dirs) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** What stops the lab from running here, one line each; empty when it can run. */
export function labPreflight(): string[] {
  const problems: string[] = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    problems.push('not root: network namespaces, veth and vxlan devices need root (run with sudo)');
  }
  for (const { program, pkg } of REQUIRED_PROGRAMS) {
    if (!findProgram(program)) problems.push(`missing program ${program} (Debian package ${pkg})`);
  }
  return problems;
}

/** Makes sure the sbin folders are on PATH for the programs we spawn. */
export function ensureSbinOnPath(): void {
  const parts = (process.env.PATH ?? '').split(delimiter);
  const missing = EXTRA_DIRS.filter((dir) => !parts.includes(dir));
  if (missing.length) process.env.PATH = [...parts, ...missing].filter(Boolean).join(delimiter);
}
