export * from './canonical-json.util';
export * from './diff-rows.util';
