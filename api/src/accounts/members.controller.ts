import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProjectAccess } from '../access/access.decorators';
import { AccountsService } from './accounts.service';
import { SetMemberRoleDto } from './dto/account-requests.dto';
import { MembershipsService, type MemberView } from './memberships.service';

@ApiTags('members')
@Controller('projects/:projectId/members')
export class MembersController {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly accounts: AccountsService,
  ) {}


  @Get()
  @ProjectAccess('project.read')
  list(@Param('projectId', new ParseUUIDPipe()) projectId: string): Promise<MemberView[]> {
    return this.memberships.list(projectId);
  }

  /** Active users who are not members yet, for the invitation form. */
  @Get('candidates')
  @ProjectAccess('members.manage')
  @ApiQuery({ name: 'q', required: false })
  @ApiOkResponse({ description: 'Up to 20 active users matching q by name or e-mail' })
  async candidates(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Query('q') query?: string,
  ): Promise<Array<{ id: string; email: string; displayName: string }>> {
    return this.accounts.searchNonMembers(projectId, query ?? '');
  }

  @Put(':userId')
  @ProjectAccess('members.manage')
  @HttpCode(204)
  async setRole(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() input: SetMemberRoleDto,
  ): Promise<void> {
    await this.memberships.setRole(projectId, userId, input.role);
  }

  @Delete(':userId')
  @ProjectAccess('members.manage')
  @HttpCode(204)
  async remove(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<void> {
    await this.memberships.remove(projectId, userId);
  }
}
