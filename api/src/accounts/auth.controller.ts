import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
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
import { LoginThrottlerGuard } from './login-throttler.guard';
import { MembershipsService } from './memberships.service';
import { SESSION_COOKIE, SessionsService } from './sessions.service';
import { fieldError, refuse } from '../common/api-errors';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-accounts';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly memberships: MembershipsService,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOkResponse({ type: SessionDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this e-mail from this address' })
  async login(@Body() input: LoginDto, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    const user = await this.accounts.verifyCredentials(input.email, input.password);
    // One answer for an unknown e-mail, a wrong password and a deactivated account.
    if (!user) throw refuse(401, 'invalid_credentials', 'Invalid e-mail or password');
    const { token, expiresAt } = await this.sessions.open(user.id);
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.environment.secureCookies,
      path: '/',
      expires: expiresAt,
    });
    issueXsrfToken(response, this.environment);
    return this.describe(user);
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
  ): Promise<void> {
    const changed = await this.accounts.changePassword(
      user.id,
      input.currentPassword,
      input.newPassword,
      request.sessionId ?? null,
    );
    if (!changed) throw fieldError(401, 'currentPassword', 'The current password is wrong', 'wrong_password');
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
