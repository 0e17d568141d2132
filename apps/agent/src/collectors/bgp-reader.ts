import type { BgpSession, BgpStatus } from '@meshlens/model';

/** Reads BIRD control sockets; resolves with status "missing"/"unreachable"/"error" rather than rejecting. */
export interface BgpReader {
  read(socketPath: string): Promise<{ status: BgpStatus; sessions: BgpSession[]; warnings?: string[] }>;
  /** Closes kept connections at shutdown. */
  close?(): void;
}

/** Nest injection token for the BgpReader. */
export const BGP_READER = Symbol('BGP_READER');
