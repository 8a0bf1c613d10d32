import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { MeetingPackDto, MeetingPackSummaryDto } from '@jalon/domain';
import { CurrentUser, ProjectAccess, type AuthenticatedUser } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { attachmentDisposition } from '../exports/content-disposition';
import { CreatePackDto } from './dto/meeting-pack.dto';
import { MeetingPackService } from './pack.service';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });

/** The frozen COPIL packs of a meeting (issue 13): make one, list them, read the snapshot, download the PDF. */
@ApiTags('meetings')
@Controller('projects/:projectId/meetings/:meetingId')
export class MeetingPackController {
  constructor(private readonly packs: MeetingPackService) {}

  @Post('pack')
  @ProjectAccess('meeting.manage')
  @ApiCreatedResponse({ description: 'MeetingPackSummaryDto: the snapshot and its PDF stored, immutable; optionally a baseline frozen in the same act' })
  create(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: CreatePackDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MeetingPackSummaryDto> {
    return this.packs.create(projectId, meetingId, input, user);
  }

  @Get('packs')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'MeetingPackSummaryDto[], latest first' })
  list(@Param('projectId', uuid('projectId')) projectId: string, @Param('meetingId', uuid('meetingId')) meetingId: string): Promise<MeetingPackSummaryDto[]> {
    return this.packs.list(projectId, meetingId);
  }

  @Get('packs/:packId.pdf')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'The pack as stored: a PDF whose SHA-256 is the summary\'s sha256' })
  async pdf(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('packId', uuid('packId')) packId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { fileName, content } = await this.packs.pdf(projectId, meetingId, packId);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-cache');
    return new StreamableFile(content, { type: 'application/pdf', disposition: attachmentDisposition(fileName), length: content.length });
  }

  @Get('packs/:packId')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'MeetingPackDto: the frozen snapshot of the printable page, with both hashes' })
  pack(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('packId', uuid('packId')) packId: string,
  ): Promise<MeetingPackDto> {
    return this.packs.pack(projectId, meetingId, packId);
  }
}
