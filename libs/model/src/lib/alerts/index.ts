export * from './alert-rule.schema';
export * from './alert.schema';
export * from './alert-silence.schema';
export * from './alert-webhook.schema';
export * from './alert-socket-events.schema';
