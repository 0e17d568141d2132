export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** Read per request (not at build time) so one build serves any deployment. */
export const apiBaseUrl = (): string => (process.env['MESHLENS_API_URL'] || DEFAULT_API_URL).replace(/\/+$/, '');

/** MESHLENS_LIVE_EVENTS=off keeps browsers from opening the alert event stream (pages still refresh on a timer). */
export const liveEventsEnabled = (): boolean => process.env['MESHLENS_LIVE_EVENTS'] !== 'off';
