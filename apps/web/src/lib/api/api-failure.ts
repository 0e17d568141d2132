export type ApiFailureCode = 'unreachable' | 'not-found' | 'rejected' | 'http' | 'invalid';

const TITLES: Record<ApiFailureCode, string> = {
  unreachable: 'The meshlens API is unreachable',
  'not-found': 'Not found',
  rejected: 'The meshlens API rejected this request',
  http: 'The meshlens API answered with an error',
  invalid: 'The meshlens API answered with data this page does not understand',
};

export class ApiFailure extends Error {
  constructor(
    readonly code: ApiFailureCode,
    readonly detail: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(`${TITLES[code]}: ${detail}`);
    this.name = 'ApiFailure';
  }

  get title(): string {
    return TITLES[this.code];
  }

  /** A rejected request is the page's (or the URL's) fault, not a sign that the API is down or misconfigured. */
  get blamesApi(): boolean {
    return this.code !== 'rejected' && this.code !== 'not-found';
  }
}
