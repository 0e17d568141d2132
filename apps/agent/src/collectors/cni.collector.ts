import { join } from 'node:path';
import { parseCniConfig } from '@meshlens/netparse';
import type { CniConfig } from '@meshlens/model';
import type { NodeExec } from '../runner/node-exec';
import type { Collector, CollectorOutput } from './collector';

/** The file names the CNI runtime (libcni) loads from its configuration folder. */
const CNI_FILE = /\.(conf|conflist|json)$/;

/** CNI configuration files; the file list is config, not the network namespace, so --netns does not apply. */
export class CniCollector implements Collector {
  readonly source = 'cniConfigs';
  readonly stage = 'tables';
  readonly tables = ['cniConfigs'] as const;

  constructor(
    private readonly exec: NodeExec,
    private readonly dir: string,
  ) {}

  async collect(): Promise<CollectorOutput> {
    let names: string[];
    try {
      names = await this.exec.listDir(this.dir);
    } catch (e) {
      // No folder is a real state (a node without CNI yet), not a failed read.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { tables: { cniConfigs: [] } };
      throw e;
    }
    const cniConfigs: CniConfig[] = [];
    for (const name of names.filter((n) => CNI_FILE.test(n)).sort()) {
      const file = join(this.dir, name);
      try {
        cniConfigs.push(parseCniConfig(file, await this.exec.readFile(file)));
      } catch (e) {
        // One unreadable file (a directory named x.conf, a permission) must not hide the others.
        cniConfigs.push({ file, plugins: [], error: (e as Error).message });
      }
    }
    return { tables: { cniConfigs } };
  }
}
