export * from './lib/scoring';
export * from './lib/labels';
export * from './lib/review';
export * from './lib/materialising';
export * from './lib/register';
export * from './lib/contract';
export * from './lib/matrix-arrows';
export * from './lib/compact-register';
