import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Checks bearer tokens against the configured ones by comparing fixed-length hashes in constant time. */
export class AgentTokenVerifier {
  private readonly digests: Buffer[];

  constructor(tokens: string[]) {
    this.digests = tokens.map(digest);
  }

  /** `Authorization` header value in, true when it is "Bearer <a configured token>". */
  verifyHeader(header: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return false;
    const candidate = digest(match[1]);
    // Compare against every token so the time taken does not tell which (or whether one) matched early.
    let ok = false;
    for (const d of this.digests) ok = timingSafeEqual(d, candidate) || ok;
    return ok;
  }
}
