import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser, Public, type AuthenticatedUser } from '../access/access.decorators';
import type { JalonRequest } from '../access/access.guard';
import { issueXsrfToken } from '../access/csrf.middleware';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { AccountsService } from './accounts.service';
import { ChangePasswordDto, LoginDto } from './dto/account-requests.dto';
import { SessionDto, AuthConfigDto } from './dto/session.dto';
import { MembershipsService } from './memberships.service';
import { SESSION_COOKIE, SessionsService } from './sessions.service';
import { FailureLimiter } from './sign-in-limiter';
import { fieldError, refuse } from '../common/api-errors';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-accounts';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  /** Failed sign-ins, per e-mail and per address (successes are not counted). */
  private readonly signInFailures: FailureLimiter;
  /** Wrong current passwords, per user and per address. */
  private readonly passwordFailures: FailureLimiter;

  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly memberships: MembershipsService,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {
    this.signInFailures = FailureLimiter.forEnvironment(environment);
    this.passwordFailures = FailureLimiter.forEnvironment(environment);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this e-mail, or from this address' })
  async login(
    @Body() input: LoginDto,
    @Req() request: JalonRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const account = input.email.trim().toLowerCase();
    const address = request.ip ?? 'unknown';
    this.signInFailures.assertAllowed(account, address);
    const user = await this.accounts.verifyCredentials(input.email, input.password);
    // One answer for an unknown e-mail, a wrong password and a deactivated account.
    if (!user) {
      this.signInFailures.recordFailure(account, address);
      throw refuse(401, 'invalid_credentials', 'Invalid e-mail or password');
    }
    await this.startSession(user.id, response);
    return this.describe(user);
  }

  /** A new session (its cookie) and the CSRF token bound to it. */
  private async startSession(userId: string, response: Response): Promise<void> {
    const { token, expiresAt } = await this.sessions.open(userId);
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.environment.secureCookies,
      path: '/',
      expires: expiresAt,
    });
    issueXsrfToken(response, this.environment, token);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(@Req() request: JalonRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.close(request.cookies?.[SESSION_COOKIE]);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: SessionDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<SessionDto> {
    return this.describe(user);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(204)
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: JalonRequest,
    @Body() input: ChangePasswordDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const address = request.ip ?? 'unknown';
    this.passwordFailures.assertAllowed(user.id, address);
    // Every session ends, this one included: the browser gets a new one (rotation).
    const changed = await this.accounts.changePassword(user.id, input.currentPassword, input.newPassword, null);
    if (!changed) {
      this.passwordFailures.recordFailure(user.id, address);
      throw fieldError(401, 'currentPassword', 'The current password is wrong', 'wrong_password');
    }
    await this.startSession(user.id, response);
  }

  @Get('config')
  @Public()
  @ApiOkResponse({ type: AuthConfigDto })
  config(): AuthConfigDto {
    return {
      demo: this.environment.demoEnabled,
      demoAccounts: this.environment.demoEnabled
        ? DEMO_ACCOUNTS.map((account) => ({ email: account.email, role: account.role, password: DEMO_PASSWORD }))
        : [],
    };
  }

  private async describe(user: AuthenticatedUser): Promise<SessionDto> {
    const roles = await this.memberships.rolesOf(user.id);
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin },
      memberships: [...roles].map(([projectId, role]) => ({ projectId, role })),
    };
  }
}
