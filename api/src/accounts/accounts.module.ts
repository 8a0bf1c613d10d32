import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '../audit/audit.module';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { JobsModule } from '../jobs/jobs.module';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { MembersController } from './members.controller';
import { MembershipsService } from './memberships.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SessionPurge } from './session-purge';
import { UsersController } from './users.controller';

@Global()
@Module({
  imports: [
    AuditModule,
    JobsModule,
    ThrottlerModule.forRootAsync({
      inject: [ENVIRONMENT],
      useFactory: (environment: Environment) => [
        { ttl: environment.JALON_LOGIN_WINDOW_SECONDS * 1000, limit: environment.JALON_LOGIN_MAX_ATTEMPTS },
      ],
    }),
  ],
  controllers: [AuthController, UsersController, MembersController],
  providers: [AccountsService, SessionsService, MembershipsService, PasswordHasher, SessionPurge],
  exports: [AccountsService, SessionsService, MembershipsService],
})
export class AccountsModule {}
