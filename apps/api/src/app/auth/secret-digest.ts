import { createHash, timingSafeEqual } from 'node:crypto';

const HASHED = /^sha256:([0-9a-f]{64})$/i;

/** sha256 of a presented secret: every comparison is between two 32-byte digests, whatever the secret's length. */
export const digestOf = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** A configured secret as its digest: `sha256:<hex>` is taken as the digest itself, anything else is hashed. */
export const configuredDigest = (entry: string): Buffer => {
  const hashed = HASHED.exec(entry);
  return hashed ? Buffer.from(hashed[1], 'hex') : digestOf(entry);
};

/** Short public id of a digest (for logs and rate-limit keys); never enough to recover or guess the secret. */
export const digestId = (digest: Buffer): string => digest.subarray(0, 6).toString('hex');

/**
 * Index of the entry whose digest equals the candidate, or -1. Every entry is compared, in constant time, so the
 * time taken tells neither which entry matched nor whether one did early.
 */
export function findDigest<T extends { digest: Buffer }>(entries: readonly T[], candidate: Buffer): T | undefined {
  let found: T | undefined;
  for (const entry of entries) if (timingSafeEqual(entry.digest, candidate) && !found) found = entry;
  return found;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export const bearerOf = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
