export * from './lib/lifecycle';
export * from './lib/recurrence';
export * from './lib/kpi';
export * from './lib/actions';
export * from './lib/agenda';
export * from './lib/pack-charts';
export * from './lib/pack-snapshot';
