// The shapes live in @meshlens/model so that the API's responses and the web's parsing share them.
export { PATH_FAILURES } from '@meshlens/model';
export type { Encapsulation, HopKind, PathExplanation, PathFailure, PathFailureCode, PathHop } from '@meshlens/model';
