export * from './lib/versioning';
export * from './lib/drafting';
export * from './lib/steps';
export * from './lib/references';
export * from './lib/labels';
export * from './lib/import-mapping';
