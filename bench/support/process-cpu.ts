import { readFileSync } from 'node:fs';
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
