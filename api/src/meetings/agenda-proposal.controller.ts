import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AgendaDto, AgendaProposalDto } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { AgendaProposalService } from './agenda-proposal.service';
import { ApplyAgendaProposalDto } from './dto/meeting-pack.dto';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });

/** The agenda proposed from live data (issue 13): read it, or make it the draft meeting's agenda. */
@ApiTags('meetings')
@Controller('projects/:projectId/meetings/:meetingId/agenda')
export class AgendaProposalController {
  constructor(private readonly proposals: AgendaProposalService) {}

  @Get('proposal')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'AgendaProposalDto of @jalon/domain: COPIL full agenda, COPROJ lighter, with durations' })
  proposal(@Param('projectId', uuid('projectId')) projectId: string, @Param('meetingId', uuid('meetingId')) meetingId: string): Promise<AgendaProposalDto> {
    return this.proposals.propose(projectId, meetingId);
  }

  @Post('apply')
  @HttpCode(200)
  @ProjectAccess('meeting.manage')
  @ApiOkResponse({ description: "AgendaDto: the draft meeting's agenda replaced by the proposal (409 unless brouillon)" })
  apply(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: ApplyAgendaProposalDto,
  ): Promise<AgendaDto> {
    return this.proposals.apply(projectId, meetingId, input.version);
  }
}
