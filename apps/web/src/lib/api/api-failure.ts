export type ApiFailureCode = 'unreachable' | 'not-found' | 'http' | 'invalid';

const TITLES: Record<ApiFailureCode, string> = {
  unreachable: 'The meshlens API is unreachable',
  'not-found': 'Not found',
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
}
