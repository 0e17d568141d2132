/**
 * Requests per minute per API key (or client address while the API is open). The dashboard's pages and live
 * refresh make a few requests every few seconds per open tab; a script polling every table of a node every
 * second stays under it too.
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

/**
 * Reports per minute per agent token and node. An agent reports every few seconds, every second while a BGP
 * session changes, plus heartbeats: 60-120 a minute at most. After an outage it drains its on-disk queue as fast
 * as the API acknowledges: 20 a second drains an hour of 5 s reports in under 40 s. An agent told 429 keeps the
 * report queued and backs off before it tries again.
 */
export const DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE = 1200;
