import { readFileSync } from 'node:fs';

export interface DockerStage {
  name: string;
  from: string;
  /** CMD as an exec-form array; inherited from the stage it is built FROM when the stage has none. */
  cmd?: string[];
  healthcheck?: string;
}

/** FROM ... AS name stages of a Dockerfile with their CMD and HEALTHCHECK (exec form only, as this repo writes them). */
export function readDockerStages(path: string): Map<string, DockerStage> {
  const stages = new Map<string, DockerStage>();
  let current: DockerStage | null = null;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) {
      const base = stages.get(from[1]);
      current = { name: from[2] ?? from[1], from: from[1], cmd: base?.cmd, healthcheck: base?.healthcheck };
      stages.set(current.name, current);
      continue;
    }
    const cmd = /^CMD\s+(\[.*\])$/i.exec(line);
    if (cmd && current) current.cmd = JSON.parse(cmd[1]) as string[];
    const health = /^HEALTHCHECK\s.*\bCMD\s+(.*)$/i.exec(line);
    if (health && current) current.healthcheck = health[1];
  }
  return stages;
}
