import { BgpSessionReader } from '../bird';
import type { BgpReader } from '../collectors/bgp-reader';

/** One kept BIRD connection per socket: the BGP loop reads every second, and reconnecting each time costs more. */
export function createBirdBgpReader(timeoutMs: number): BgpReader {
  const readers = new Map<string, BgpSessionReader>();
  return {
    read: (socketPath) => {
      let reader = readers.get(socketPath);
      if (!reader) {
        reader = new BgpSessionReader(socketPath, { timeoutMs });
        readers.set(socketPath, reader);
      }
      return reader.read();
    },
    close: () => {
      for (const reader of readers.values()) reader.close();
      readers.clear();
    },
  };
}
