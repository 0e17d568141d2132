import type { BirdProtocol } from './bird-config';
import { bgpSessions, birdc } from './bird-daemon';
import type { LabNode, LabState } from './lab-state';
import { run, sleep } from './run-command';

export interface NodeSessions {
  node: string;
  sessions: BirdProtocol[];
  /** Set when BIRD's socket did not answer. */
  error?: string;
}

export function findNode(state: LabState, name: string): LabNode {
  const node = state.nodes.find((n) => n.name === name || n.netns === name || String(n.index) === name);
  if (!node) throw new Error(`no lab node "${name}"; nodes are ${state.nodes.map((n) => n.name).join(', ')}`);
  return node;
}

export async function allSessions(state: LabState): Promise<NodeSessions[]> {
  return Promise.all(
    state.nodes.map(async (node) => {
      try {
        return { node: node.name, sessions: await bgpSessions(node.birdSocket) };
      } catch (error) {
        return { node: node.name, sessions: [], error: String((error as Error).message ?? error) };
      }
    }),
  );
}

export const isEstablished = (session: BirdProtocol) => session.info.startsWith('Established');

/** Polls every node's BIRD until `done` holds; returns the last snapshot either way. */
export async function waitForSessions(
  state: LabState,
  done: (snapshot: NodeSessions[]) => boolean,
  timeoutMs: number,
): Promise<{ ok: boolean; snapshot: NodeSessions[] }> {
  const deadline = Date.now() + timeoutMs;
  let snapshot = await allSessions(state);
  while (!done(snapshot) && Date.now() < deadline) {
    await sleep(200);
    snapshot = await allSessions(state);
  }
  return { ok: done(snapshot), snapshot };
}

export const allEstablished = (snapshot: NodeSessions[]) =>
  snapshot.every((n) => !n.error && n.sessions.length > 0 && n.sessions.every(isEstablished));

/**
 * Administratively disables every BGP protocol of the node's BIRD. BIRD sends a Cease NOTIFICATION
 * (Administrative shutdown) to each peer, so the peers leave Established at once instead of waiting for the
 * hold timer; the node's own routes are withdrawn from the peers at the same moment.
 */
export async function bgpDrop(state: LabState, nodeName: string): Promise<void> {
  const node = findNode(state, nodeName);
  for (const pattern of sessionPatterns(node)) await birdc(node.birdSocket, `disable ${pattern}`);
}

export async function bgpRestore(state: LabState, nodeName: string): Promise<void> {
  const node = findNode(state, nodeName);
  for (const pattern of sessionPatterns(node)) await birdc(node.birdSocket, `enable ${pattern}`);
}

/** BIRD's quoted name patterns ("Mesh_*", "Node_*") cover every BGP session in one command each. */
function sessionPatterns(node: LabNode): string[] {
  return [...new Set(node.bgpProtocols.map((name) => `"${name.split('_')[0]}_*"`))];
}

/** Routes BIRD installed in a node's namespace (`proto bird`), as iproute2 JSON. */
export async function birdRoutes(
  node: LabNode,
): Promise<Array<{ dst: string; gateway?: string; dev?: string; type?: string; protocol?: string }>> {
  // Not `ip route show proto bird`: with that filter iproute2 leaves the protocol key out of its JSON.
  const routes = JSON.parse(await run('ip', ['-n', node.netns, '-j', 'route', 'show']));
  return routes.filter((route: { protocol?: string }) => route.protocol === 'bird');
}
