import { ConsoleLogger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { jsonBodyOnly, storableQueryText } from './common/request-body';
import { createValidationPipe } from './common/validation';
import { LOG_LEVELS, type Environment } from './config/environment';

export const API_PREFIX = 'api';

export function createLogger(environment: Environment): ConsoleLogger {
  const upTo = LOG_LEVELS.indexOf(environment.LOG_LEVEL);
  const levels: LogLevel[] = ['fatal', ...LOG_LEVELS.slice(0, upTo + 1)];
  return new ConsoleLogger({
    json: environment.LOG_FORMAT === 'json',
    colors: environment.LOG_FORMAT === 'pretty',
    logLevels: levels,
    prefix: 'Jalon',
  });
}

/** The default location of the built web app, next to the built API in `dist/`. */
export function defaultWebDir(): string {
  return resolve(__dirname, '../../../web/browser');
}

/** Builds the whole application (API under /api, web app at /) without listening yet. */
export async function createApp(environment: Environment): Promise<INestApplication> {
  const webDir = environment.JALON_WEB_DIR ?? defaultWebDir();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forEnvironment(environment, webDir),
    { logger: createLogger(environment), bodyParser: false },
  );
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  // The web app's scripts and the API's JSON travel gzipped to browsers that accept it (the
  // planning page's first load drops from about 1.2 MB to about 0.35 MB); answers that set their
  // own Content-Encoding (the cached plan) are left as they are.
  app.use(compression());
  app.use(cookieParser());
  // JSON only, bounded in size and depth, refused with the usual error body before any controller.
  app.use(storableQueryText(), jsonBodyOnly());
  // Only a configured proxy may say who the client is (X-Forwarded-For): otherwise any client
  // could pick its own address and escape the sign-in limits.
  app.set('trust proxy', environment.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Angular Material inlines critical styles; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // Asking the browser to upgrade every request to HTTPS blanks the page of a plain-HTTP
          // start reached by host name: only when Jalon is served over HTTPS.
          'upgrade-insecure-requests': environment.servedOverHttps ? [] : null,
        },
      },
      // HSTS over plain HTTP would lock a host name out of its own HTTP start.
      strictTransportSecurity: environment.servedOverHttps,
    }),
  );
  // API answers are personal (who may see what): never stored by a browser or a shared cache,
  // unless a controller says otherwise (the plan's ETag, the calendar feed).
  app.use(`/${API_PREFIX}`, (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Jalon API')
    .setDescription('Retroplanning, steering committees, acceptance and go/no-go of a contact-centre deployment.')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
  });
  return app;
}
