/** Reported in every NodeIdentity; bump with the agent's report format or behaviour. */
export const AGENT_VERSION = '0.1.0';
