import type { ApiRole } from './api-role';
import { bearerOf, configuredDigest, digestId, digestOf, findDigest } from './secret-digest';

export interface ApiKeyIdentity {
  id: string;
  role: ApiRole;
}

interface KeyEntry extends ApiKeyIdentity {
  digest: Buffer;
}

/** `<role>:sha256:<hex>` or `<role>:<key>` (validated by the config schema). */
const parseEntry = (entry: string): KeyEntry => {
  const colon = entry.indexOf(':');
  const digest = configuredDigest(entry.slice(colon + 1));
  return { role: entry.slice(0, colon).toLowerCase() as ApiRole, digest, id: digestId(digest) };
};

/** Checks `Authorization: Bearer <key>` against MESHLENS_API_KEYS in constant time. */
export class ApiKeyVerifier {
  private readonly entries: KeyEntry[];

  constructor(keys: string[] = []) {
    this.entries = keys.map(parseEntry);
  }

  /** No key configured: the API is open (everyone is admin), for a single user on a trusted machine. */
  get open(): boolean {
    return this.entries.length === 0;
  }

  identifyKey(key: string | undefined): ApiKeyIdentity | undefined {
    if (key === undefined) return undefined;
    const entry = findDigest(this.entries, digestOf(key));
    return entry && { id: entry.id, role: entry.role };
  }

  identify(header: string | undefined): ApiKeyIdentity | undefined {
    return this.identifyKey(bearerOf(header));
  }
}
