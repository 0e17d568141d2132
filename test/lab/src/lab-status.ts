import { allSessions, type NodeSessions } from './bgp-control';
import { resolveLabOptions, stateFileOf, type LabOptions } from './lab-options';
import { isOurProcess, readState, type LabState } from './lab-state';
import { pingMatrix, summarizePings, type PingSummary } from './ping-matrix';
import { ensureSbinOnPath } from './preflight';

export interface LabStatus {
  state: LabState;
  processes: Array<{ kind: string; node?: string; pid: number; alive: boolean; logFile?: string }>;
  bgp: NodeSessions[];
  pings: PingSummary[];
}

/** The lab's state file, or null when the lab is not up. */
export function labState(options: LabOptions = {}): LabState | null {
  return readState(stateFileOf(resolveLabOptions(options).stateDir));
}

export async function labStatus(options: LabOptions = {}): Promise<LabStatus | null> {
  ensureSbinOnPath();
  const state = labState(options);
  if (!state) return null;
  const [bgp, pings] = await Promise.all([allSessions(state), pingMatrix(state)]);
  return {
    state,
    processes: state.processes.map((proc) => ({ kind: proc.kind, node: proc.node, pid: proc.pid, alive: isOurProcess(proc), logFile: proc.logFile })),
    bgp,
    pings: summarizePings(pings),
  };
}

export function formatStatus(status: LabStatus): string {
  const { state } = status;
  const lines = [
    `lab ${state.prefix} in ${state.stateDir}: ${state.nodes.length} nodes, ${state.routeReflector ? 'route reflector node-1' : 'full mesh'}, ` +
      `${state.ready ? 'ready' : 'NOT READY (up did not finish)'}, up since ${state.createdAt}`,
    `etcd ${state.etcd?.endpoint ?? '-'} pid ${state.etcd?.pid ?? '-'} ${status.processes.find((p) => p.kind === 'etcd')?.alive ? 'running' : 'NOT RUNNING'}`,
    ...stackLines(status),
    '',
    'node      netns                  underlay        calico block     vxlan subnet    host-gw subnet  bird',
  ];
  for (const node of state.nodes) {
    const bird = status.processes.find((p) => p.kind === 'bird' && p.node === node.name);
    lines.push(
      [
        node.name.padEnd(9),
        node.netns.padEnd(22),
        node.underlayIp.padEnd(15),
        node.calicoBlock.padEnd(16),
        node.vxlanSubnet.padEnd(15),
        node.hostGwSubnet.padEnd(15),
        `pid ${bird?.pid ?? '-'} ${bird?.alive ? 'running' : 'NOT RUNNING'}`,
      ].join(' '),
    );
  }
  lines.push('', 'BGP sessions (birdc show protocols):');
  let established = 0;
  let total = 0;
  for (const node of status.bgp) {
    if (node.error) {
      lines.push(`  ${node.node}: BIRD socket error: ${node.error}`);
      continue;
    }
    for (const s of node.sessions) {
      total++;
      if (s.info.startsWith('Established')) established++;
      lines.push(`  ${node.node.padEnd(9)} ${s.name.padEnd(20)} ${s.state.padEnd(6)} ${s.since.padEnd(10)} ${s.info}`);
    }
  }
  lines.push(`  ${established}/${total} session ends Established`);
  lines.push('', 'pod ping matrix (first pod per node, every ordered pair of nodes):');
  for (const summary of status.pings) {
    lines.push(`  ${summary.kind.padEnd(16)} ${summary.ok}/${summary.total} ok`);
    for (const f of summary.failed) lines.push(`    FAIL ${f.from} (${f.fromIp}) -> ${f.to} (${f.toIp})`);
  }
  return lines.join('\n');
}

function stackLines(status: LabStatus): string[] {
  const { stack } = status.state;
  if (!stack) return ['meshlens: not started by this lab (up --no-meshlens, or the programmatic labUp)'];
  const line = (p: LabStatus['processes'][number]) =>
    `  ${(p.kind + (p.node ? ` ${p.node}` : '')).padEnd(16)} pid ${p.pid} ${p.alive ? 'running' : 'NOT RUNNING'}${p.logFile ? `  log ${p.logFile}` : ''}`;
  return [
    `meshlens: dashboard ${stack.webUrl}  API ${stack.apiUrl}  agent token in ${stack.tokenFile}`,
    ...status.processes.filter((p) => p.kind === 'api' || p.kind === 'web' || p.kind === 'agent').map(line),
  ];
}
