export * from './history-query.schema';
export * from './history-response.schema';
