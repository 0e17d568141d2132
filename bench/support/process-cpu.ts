import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond: number | undefined;
/** USER_HZ: the unit of /proc/<pid>/stat times (100 on every common Linux build, but ask). */
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

export interface CpuTimes {
  /** utime + stime of the process itself, ms. */
  ownMs: number;
  /** cutime + cstime: children it waited for (the agent's `ip`/`bridge` processes), ms. */
  childrenMs: number;
}

/** CPU time of a live process from /proc/<pid>/stat (fields 14-17, counted after the parenthesised command name). */
export function readCpuTimes(pid: number): CpuTimes {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, so index 11.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  const ms = (ticks: number) => (ticks * 1000) / clockTicks();
  return { ownMs: ms(utime + stime), childrenMs: ms(cutime + cstime) };
}

/** Busy and total jiffies of the whole machine (all cores) from /proc/stat's first line. */
export function readMachineCpu(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = values.map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are the only not-busy ones.
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - n[4], total };
}

/**
 * CPU time of the Postgres backends serving one database (their title is "postgres: <user> <database> <client> ..."),
 * summed, ms. Backends that already exited are not counted: read it while the API's pool still holds its connections.
 */
export function readPostgresBackendsCpuMs(database: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
      total += readCpuTimes(Number(entry)).ownMs;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}
