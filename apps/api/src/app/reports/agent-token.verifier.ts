import { bearerOf, configuredDigest, digestId, digestOf, findDigest } from '../auth/secret-digest';

export interface AgentIdentity {
  /** Public id of the token (a prefix of its sha256), for logs and rate limits. */
  id: string;
  /** Set when the token was configured as `<node>@...`: it may only report for this node. */
  nodeName?: string;
}

interface TokenEntry extends AgentIdentity {
  digest: Buffer;
}

/** `<node>@<token>`: a node-bound token; node names never hold '@' and tokens are not allowed to. */
const parseEntry = (entry: string): TokenEntry => {
  const at = entry.indexOf('@');
  const nodeName = at > 0 ? entry.slice(0, at).toLowerCase() : undefined;
  const digest = configuredDigest(at > 0 ? entry.slice(at + 1) : entry);
  return { digest, id: digestId(digest), ...(nodeName && { nodeName }) };
};

/**
 * Checks bearer tokens against the configured ones (MESHLENS_AGENT_TOKENS: plain, or `sha256:<hex>` so the
 * configuration never holds the token itself), comparing fixed-length digests in constant time.
 */
export class AgentTokenVerifier {
  private readonly entries: TokenEntry[];

  constructor(tokens: string[]) {
    this.entries = tokens.map(parseEntry);
  }

  /** `Authorization` header value in, the agent it identifies out (undefined for anything else). */
  identify(header: string | undefined): AgentIdentity | undefined {
    const token = bearerOf(header);
    if (token === undefined) return undefined;
    const entry = findDigest(this.entries, digestOf(token));
    return entry && { id: entry.id, ...(entry.nodeName && { nodeName: entry.nodeName }) };
  }

  /** True when the header is "Bearer <a configured token>". */
  verifyHeader(header: string | undefined): boolean {
    return this.identify(header) !== undefined;
  }
}
