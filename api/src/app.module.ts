import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { AccessGuard } from './access/access.guard';
import { CsrfMiddleware } from './access/csrf.middleware';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { ApiExceptionFilter } from './common/http-exception.filter';
import { RequestContextMiddleware } from './common/request-context.middleware';
import { RequestLoggerMiddleware } from './common/request-logger.middleware';
import type { Environment } from './config/environment';
import { ConfigModule } from './config/config.module';
import { buildDataSourceOptions } from './database/data-source-options';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { PlanningModule } from './planning/planning.module';
import { ProjectsModule } from './projects/projects.module';
import { RisksModule } from './risks/risks.module';
import { MeetingsModule } from './meetings/meetings.module';
import { AcceptanceModule } from './acceptance/acceptance.module';
import { GoNoGoModule } from './go-no-go/go-no-go.module';
import { MailModule } from './mail/mail.module';
import { setWebCacheHeaders } from './web/web-cache';

@Module({})
export class AppModule implements NestModule {
  static forEnvironment(environment: Environment, webDir: string | undefined): DynamicModule {
    const web =
      webDir && existsSync(webDir)
        ? [ServeStaticModule.forRoot({ rootPath: webDir, exclude: ['/api/{*path}'], serveStaticOptions: { setHeaders: setWebCacheHeaders } })]
        : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forEnvironment(environment),
        TypeOrmModule.forRootAsync({ useFactory: () => buildDataSourceOptions(environment) }),
        ScheduleModule.forRoot(),
        AuditModule,
        AccountsModule,
        HealthModule,
        ProjectsModule,
        PlanningModule,
        DemoModule,
        RisksModule,
        MailModule,
        MeetingsModule,
        AcceptanceModule,
        GoNoGoModule,
        ...web,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, RequestLoggerMiddleware, CsrfMiddleware).forRoutes('{*path}');
  }
}
