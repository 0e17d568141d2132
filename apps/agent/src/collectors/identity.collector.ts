import { inferNetworkModes, inferUnderlayAddresses } from '@meshlens/netparse';
import type { NetworkMode, NodeIdentity } from '@meshlens/model';
import type { NodeExec } from '../runner/node-exec';
import { AGENT_VERSION } from '../agent/agent-version.constant';
import type { CollectContext, Collector, CollectorOutput } from './collector';

/**
 * Who the node is: host name and kernel (from /proc, else uname), underlay addresses and network modes derived from
 * the freshest known tables. Each part that cannot be read is left out; identity itself never fails a report.
 */
export class IdentityCollector implements Collector {
  readonly source = 'identity';
  readonly stage = 'derived';
  readonly tables = [] as const;

  constructor(
    private readonly exec: NodeExec,
    private readonly netns: string | undefined,
  ) {}

  async collect({ known }: CollectContext): Promise<CollectorOutput> {
    const errors: { source: string; message: string }[] = [];
    const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read();
      } catch (e) {
        errors.push({ source: this.source, message: `${what}: ${(e as Error).message}` });
        return undefined;
      }
    };
    const hostname = await this.firstLine('/proc/sys/kernel/hostname', ['uname', '-n']);
    const kernel = await this.firstLine('/proc/sys/kernel/osrelease', ['uname', '-r']);
    const underlayAddresses =
      (await attempt('underlay addresses', async () =>
        inferUnderlayAddresses({ routes: known.routes ?? [], addresses: known.addresses ?? [] }),
      )) ?? [];
    const modes =
      (await attempt('network modes', async () =>
        inferNetworkModes({ links: known.links ?? [], routes: known.routes ?? [], cniConfigs: known.cniConfigs ?? [] }),
      )) ?? ([] as NetworkMode[]);
    const identity: NodeIdentity = {
      hostname: hostname ?? '',
      ...(kernel ? { kernel } : {}),
      underlayAddresses,
      modes,
      agentVersion: AGENT_VERSION,
      ...(this.netns ? { netns: this.netns } : {}),
    };
    return { identity, errors };
  }

  private async firstLine(file: string, fallback: string[]): Promise<string | undefined> {
    for (const read of [() => this.exec.readFile(file), () => this.exec.plain(fallback)]) {
      try {
        const line = (await read()).trim().split('\n')[0];
        if (line) return line;
      } catch {
        // /proc may be absent (a container without it); uname is the fallback.
      }
    }
    return undefined;
  }
}
