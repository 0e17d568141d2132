import type { BgpSession, BgpStatus } from '@meshlens/model';

/** Reads one BIRD control socket; resolves with status "missing"/"unreachable"/"error" rather than rejecting. */
export type BgpReader = (socketPath: string) => Promise<{ status: BgpStatus; sessions: BgpSession[] }>;

/** Nest injection token for the BgpReader. */
export const BGP_READER = Symbol('BGP_READER');
