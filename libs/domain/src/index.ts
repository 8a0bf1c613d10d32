export * from './lib/project';
export * from './lib/health';
export * from './lib/api-error';
export * from './lib/routes';
export * from './lib/access';
export * from './lib/planning';
export * from './lib/audit';
export * from './lib/meetings';
