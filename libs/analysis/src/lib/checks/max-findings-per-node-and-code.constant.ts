/**
 * Detailed findings runChecks lists per finding code and node before the rest of them become one summary finding.
 * Pairwise checks find n - 1 problems per node when a cluster breaks at scale (a missing route to every peer): the
 * first few name the problem (the summary names three more and the count), and the alert engine gets a handful of
 * alerts per node and code rather than n². At 1000 broken nodes that is about 15k findings instead of a million.
 */
export const DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE = 5;
