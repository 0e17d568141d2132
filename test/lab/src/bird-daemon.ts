import { existsSync, readFileSync } from 'node:fs';
import { parseShowProtocols, type BirdProtocol } from './bird-config';
import { isOurProcess, processStartTicks, type LabProcess } from './lab-state';
import { run, sleep } from './run-command';

export interface BirdPaths {
  netns: string;
  birdConfig: string;
  birdSocket: string;
  birdPidFile: string;
}

/** Starts BIRD 1.6 inside the node's namespace; it daemonizes and writes its PID to the pid file. */
export async function startBird(node: BirdPaths): Promise<number> {
  await run('ip', ['netns', 'exec', node.netns, 'bird', '-c', node.birdConfig, '-s', node.birdSocket, '-P', node.birdPidFile]);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (existsSync(node.birdPidFile)) {
      const pid = Number(readFileSync(node.birdPidFile, 'utf8').trim());
      if (pid > 0 && processStartTicks(pid) !== null) return pid;
    }
    await sleep(20);
  }
  throw new Error(`BIRD in ${node.netns} wrote no pid file ${node.birdPidFile}`);
}

export function birdc(socket: string, command: string): Promise<string> {
  return run('birdc', ['-s', socket, ...command.split(' ')]);
}

export async function showProtocols(socket: string): Promise<BirdProtocol[]> {
  return parseShowProtocols(await birdc(socket, 'show protocols'));
}

export async function bgpSessions(socket: string): Promise<BirdProtocol[]> {
  return (await showProtocols(socket)).filter((row) => row.proto === 'BGP');
}

/** SIGTERM, then SIGKILL after a grace period; only a process whose start time still matches is signalled. */
export async function stopProcess(proc: LabProcess, graceMs = 3000): Promise<void> {
  if (!isOurProcess(proc)) return;
  process.kill(proc.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isOurProcess(proc)) return;
    await sleep(25);
  }
  if (isOurProcess(proc)) process.kill(proc.pid, 'SIGKILL');
  while (isOurProcess(proc)) await sleep(10);
}
