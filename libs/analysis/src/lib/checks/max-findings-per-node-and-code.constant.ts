/**
 * Detailed findings runChecks lists per finding code and node before the rest of them become one summary finding.
 * Pairwise checks find n - 1 problems per node when a cluster breaks at scale (a missing route to every peer): the
 * first few name the problem, and the alert engine gets one alert per node and code rather than n².
 */
export const DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE = 20;
