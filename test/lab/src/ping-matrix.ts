import type { PodKind } from './lab-plan';
import type { LabState } from './lab-state';
import { mapLimit, probe } from './run-command';

export interface PingResult {
  kind: PodKind;
  from: string;
  to: string;
  fromIp: string;
  toIp: string;
  ok: boolean;
}

export interface PingSummary {
  kind: PodKind;
  ok: number;
  total: number;
  failed: PingResult[];
}

/** One ping from the first pod of each range on every node to the first pod of that range on every other node. */
export async function pingMatrix(state: LabState, kinds: PodKind[] = ['calico', 'flannel-vxlan', 'flannel-host-gw']): Promise<PingResult[]> {
  const pairs: Array<Omit<PingResult, 'ok'> & { netns: string }> = [];
  for (const kind of kinds) {
    const firstPods = state.nodes.map((node) => node.pods.find((pod) => pod.kind === kind)).filter((pod) => !!pod);
    for (const from of firstPods) {
      for (const to of firstPods) {
        if (from === to) continue;
        pairs.push({ kind, from: from.name, to: to.name, fromIp: from.ip, toIp: to.ip, netns: from.netns });
      }
    }
  }
  return mapLimit(pairs, 16, async ({ netns, ...pair }) => {
    // Two tries: the very first packet may wait for ARP on the underlay.
    let status = await probe('ip', ['netns', 'exec', netns, 'ping', '-c', '1', '-W', '1', '-q', pair.toIp]);
    if (status !== 0) status = await probe('ip', ['netns', 'exec', netns, 'ping', '-c', '1', '-W', '2', '-q', pair.toIp]);
    return { ...pair, ok: status === 0 };
  });
}

export function summarizePings(results: PingResult[]): PingSummary[] {
  const kinds = [...new Set(results.map((r) => r.kind))];
  return kinds.map((kind) => {
    const of = results.filter((r) => r.kind === kind);
    return { kind, ok: of.filter((r) => r.ok).length, total: of.length, failed: of.filter((r) => !r.ok) };
  });
}
