import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProjectAccess } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { AccountsService } from './accounts.service';
import { MemberVersionQueryDto, SetMemberRoleDto } from './dto/account-requests.dto';
import { MembershipsService, type MemberView } from './memberships.service';

/** A search for people to invite needs this many characters: the instance's users are not listed. */
export const MIN_CANDIDATE_QUERY = 3;

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
  @ApiQuery({ name: 'q', required: true, description: `At least ${MIN_CANDIDATE_QUERY} characters of a name or e-mail` })
  @ApiOkResponse({ description: 'Up to 20 active users matching q by name or e-mail' })
  async candidates(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Query('q') query?: string,
  ): Promise<Array<{ id: string; email: string; displayName: string }>> {
    const needle = typeof query === 'string' ? query.trim() : '';
    if (needle.length < MIN_CANDIDATE_QUERY || needle.length > 200) {
      throw fieldError(400, 'q', `q must have between ${MIN_CANDIDATE_QUERY} and 200 characters`);
    }
    return this.accounts.searchNonMembers(projectId, needle);
  }

  @Put(':userId')
  @ProjectAccess('members.manage')
  @HttpCode(204)
  async setRole(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() input: SetMemberRoleDto,
  ): Promise<void> {
    await this.memberships.setRole(projectId, userId, input.role, undefined, input.version);
  }

  @Delete(':userId')
  @ProjectAccess('members.manage')
  @HttpCode(204)
  async remove(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Query() query: MemberVersionQueryDto,
  ): Promise<void> {
    await this.memberships.remove(projectId, userId, query.version);
  }
}
