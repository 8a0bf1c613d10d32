import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HealthReport } from '@jalon/domain';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { databaseEngine } from '../database/data-source-options';

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {}

  async report(): Promise<HealthReport> {
    const engine = databaseEngine(this.environment);
    try {
      const applied: Array<{ name: string }> = await this.dataSource.query(
        'SELECT name FROM migrations ORDER BY id',
      );
      const appliedNames = new Set(applied.map((row) => row.name));
      const pending = this.dataSource.migrations
        .map((migration) => migration.name ?? migration.constructor.name)
        .filter((name) => !appliedNames.has(name));
      return {
        status: pending.length === 0 ? 'ok' : 'error',
        database: { engine, reachable: true },
        migrations: { applied: appliedNames.size, pending },
        uptimeSeconds: Math.round(process.uptime()),
      };
    } catch (error) {
      return {
        status: 'error',
        database: { engine, reachable: false, error: error instanceof Error ? error.message : String(error) },
        migrations: { applied: 0, pending: [] },
        uptimeSeconds: Math.round(process.uptime()),
      };
    }
  }
}
