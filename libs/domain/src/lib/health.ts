export type DatabaseEngine = 'postgres' | 'pglite';

export interface HealthReport {
  status: 'ok' | 'error';
  database: {
    engine: DatabaseEngine;
    reachable: boolean;
    error?: string;
  };
  migrations: {
    applied: number;
    pending: string[];
  };
  uptimeSeconds: number;
}
