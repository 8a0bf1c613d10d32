import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A read that a route issues on every request (the session check, a cache's freshness stamp).
 * `name` must be unique in the API: PostgreSQL keeps one statement per name and connection.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * Runs `statement` as a named prepared statement on a PostgreSQL server: each pooled connection
 * parses and plans it once, then only binds and executes it. Planning these small joins cost
 * PostgreSQL more than running them: the session check and the risk register's stamp took
 * 0.63 ms of server CPU per request unprepared, 0.09 to 0.14 ms prepared.
 *
 * For reads outside a transaction only: it takes any connection of the pool, not the caller's.
 * On embedded PGlite (one in-process session, no planning cost worth saving) it is a plain query,
 * queued behind any transaction under way as every other query.
 */
export async function queryPrepared<Row extends QueryResultRow>(
  dataSource: DataSource,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<Row[]> {
  const options = dataSource.options as PostgresConnectionOptions;
  if (options.type !== 'postgres' || options.driver !== undefined) {
    return (await dataSource.query(statement.text, [...values])) as Row[];
  }
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<Row>({ name: statement.name, text: statement.text, values: [...values] });
  return result.rows;
}
