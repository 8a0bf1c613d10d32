export * from './lib/criteria';
export * from './lib/chain';
export * from './lib/readiness-template';
export * from './lib/signing';
