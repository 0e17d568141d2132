import { readBgpSessions } from '../bird';
import type { BgpReader } from '../collectors/bgp-reader';

/** The BIRD control-socket client (../bird) as a BgpReader. */
export const createBirdBgpReader =
  (timeoutMs: number): BgpReader =>
  (socketPath) =>
    readBgpSessions(socketPath, { timeoutMs });
