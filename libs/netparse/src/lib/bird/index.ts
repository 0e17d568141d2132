export * from './bird-reply-reader';
export { BIRD_GREETING_CODE } from './bird-reply-input.util';
export { parseBirdVersion } from './parse-bird-version';
export { parseBirdProtocols } from './parse-bird-protocols';
export { parseBirdProtocolsAll } from './parse-bird-protocols-all';
export {
  parseBirdProtocolRow,
  type BirdProtocolRow,
} from './bird-protocol-row.util';
