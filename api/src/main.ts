import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { InvalidEnvironmentError, loadEnvironment, type Environment } from './config/environment';
import { databaseEngine } from './database/data-source-options';

async function main(): Promise<void> {
  let environment: Environment;
  try {
    environment = loadEnvironment();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(`Jalon cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(environment);
  await app.listen(environment.PORT, environment.HOST);
  const engine = databaseEngine(environment);
  Logger.log(
    {
      message: `Jalon is ready on http://localhost:${environment.PORT}`,
      database: engine === 'pglite' ? `embedded PGlite in ${environment.JALON_DATA_DIR}` : 'PostgreSQL (DATABASE_URL)',
      demo: environment.demoEnabled,
    },
    'Bootstrap',
  );
}

main().catch((error: unknown) => {
  console.error('Jalon failed to start:', error);
  process.exit(1);
});
