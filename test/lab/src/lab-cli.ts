import { bgpDrop, bgpRestore, findNode, waitForSessions, isEstablished } from './bgp-control';
import { labDown } from './lab-down';
import type { LabOptions } from './lab-options';
import type { MeshlensOptions } from './meshlens-stack';
import { formatStatus, labState, labStatus } from './lab-status';
import { LabError, labUp } from './lab-up';
import { ensureSbinOnPath, labPreflight } from './preflight';

const USAGE = `usage: npm run lab -- <command> [options]
  up [--nodes N] [--pods N] [--route-reflector]   build the lab (default 3 nodes, 2 pods per node and range)
     [--api-port P] [--web-port P] [--no-meshlens] and start the API (default port 3000), the dashboard (4200)
                                                  and one agent per node, unless --no-meshlens
  down                                            remove everything the lab made (idempotent)
  status                                          nodes, BGP sessions, pod ping matrix
  bgp-drop NODE | bgp-restore NODE                disable / enable every BGP session of NODE (e.g. node-2)
options: --state-dir DIR (default .data/lab, or $MESHLENS_LAB_DIR), --prefix P (namespace prefix, default mlab)
         --keep-on-failure (up leaves a broken lab in place for debugging)`;

function parseArgs(argv: string[]): { command: string; positional: string[]; options: LabOptions } {
  const meshlens: MeshlensOptions = {};
  let withMeshlens = true;
  const options: LabOptions = {};
  const port = (option: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${option} must be a port from 1 to 65535, got ${text}`);
    return n;
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--nodes') options.nodes = Number(value());
    else if (arg === '--pods') options.podsPerNode = Number(value());
    else if (arg === '--route-reflector') options.routeReflector = true;
    else if (arg === '--state-dir') options.stateDir = value();
    else if (arg === '--prefix') options.prefix = value();
    else if (arg === '--keep-on-failure') options.keepOnFailure = true;
    else if (arg === '--api-port') meshlens.apiPort = port(arg, value());
    else if (arg === '--web-port') meshlens.webPort = port(arg, value());
    else if (arg === '--no-meshlens') withMeshlens = false;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const command = positional[0] ?? '';
  // Only `up` starts the stack; the programmatic labUp leaves it to the tests, which run their own API.
  if (withMeshlens && command === 'up') options.meshlens = meshlens;
  return { command, positional: positional.slice(1), options };
}

async function main(argv: string[]): Promise<number> {
  const { command, positional, options } = parseArgs(argv);
  const log = (line: string) => console.log(`lab: ${line}`);
  switch (command) {
    case 'up': {
      const problems = labPreflight();
      if (problems.length) {
        console.error(`lab: cannot run here:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        return 2;
      }
      const existing = labState(options);
      if (existing) {
        console.log(`lab: already up (${existing.nodes.length} nodes, state ${existing.stateFile}, since ${existing.createdAt}); run "npm run lab -- down" first`);
        return options.nodes && options.nodes !== existing.nodes.length ? 1 : 0;
      }
      const state = await labUp({ ...options, log });
      console.log(`lab: up in ${state.upSeconds} s: ${state.nodes.length} nodes, etcd ${state.etcd?.endpoint}, state ${state.stateFile}`);
      for (const node of state.nodes) {
        console.log(`  ${node.name}  netns ${node.netns}  underlay ${node.underlayIp}  bird ${node.birdSocket}`);
      }
      if (state.stack) {
        console.log(`lab: dashboard ${state.stack.webUrl}`);
        console.log(`lab: API       ${state.stack.apiUrl} (agent token in ${state.stack.tokenFile}, logs in ${state.stack.logDir})`);
      }
      return 0;
    }
    case 'down': {
      const result = await labDown(options);
      console.log(
        result.wasUp
          ? `lab: down: stopped ${result.processesStopped} processes, deleted ${result.namespacesDeleted} namespaces, removed ${result.filesRemoved} files/folders`
          : 'lab: not up, nothing to remove',
      );
      return 0;
    }
    case 'status': {
      const status = await labStatus(options);
      if (!status) {
        console.log('lab: not up');
        return 1;
      }
      console.log(formatStatus(status));
      return 0;
    }
    case 'bgp-drop':
    case 'bgp-restore': {
      const state = labState(options);
      if (!state) {
        console.error('lab: not up');
        return 1;
      }
      if (!positional[0]) throw new Error(`${command} needs a node name (${state.nodes.map((n) => n.name).join(', ')})`);
      const node = findNode(state, positional[0]);
      const drop = command === 'bgp-drop';
      await (drop ? bgpDrop : bgpRestore)(state, node.name);
      const peers = new Set(node.bgpProtocols.map((name) => name.replace(/^(Mesh|Node)_/, '').replace(/_/g, '.')));
      const peerNodes = state.nodes.filter((n) => peers.has(n.underlayIp));
      const wanted = (up: boolean) =>
        waitForSessions({ ...state, nodes: [node, ...peerNodes] }, (snap) =>
          snap.every((n) => n.sessions.filter((s) => n.node === node.name || s.name.endsWith(node.underlayIp.replace(/\./g, '_'))).every((s) => isEstablished(s) === up)),
        drop ? 5000 : 30000);
      const result = await wanted(!drop);
      console.log(`lab: ${command} ${node.name}: ${node.bgpProtocols.join(', ')} ${drop ? 'disabled' : 'enabled'}; peers ${result.ok ? (drop ? 'left Established' : 'back to Established') : 'NOT YET settled'}`);
      return result.ok ? 0 : 1;
    }
    default:
      console.log(USAGE);
      return command ? 1 : 0;
  }
}

ensureSbinOnPath();
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof LabError) {
      console.error(`lab: ${error.message}`);
      process.exit(error.code === 'PREFLIGHT' ? 2 : 1);
    }
    console.error(`lab: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
