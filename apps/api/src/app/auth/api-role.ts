/**
 * What an API key may do. reader: every GET. operator: also acknowledges alerts and creates or ends silences
 * (what the person on call does). admin: also changes alert rules and webhook receivers (and reads receivers,
 * whose URLs may carry credentials). Agent tokens are not API keys: they may only POST reports.
 */
export const API_ROLES = ['reader', 'operator', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export const roleAllows = (have: ApiRole, need: ApiRole): boolean => API_ROLES.indexOf(have) >= API_ROLES.indexOf(need);
