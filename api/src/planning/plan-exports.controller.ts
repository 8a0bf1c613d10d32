import {
  Controller,
  Get,
  Header,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser, ProjectAccess, Public, type AuthenticatedUser } from '../access/access.decorators';
import { attachmentDisposition } from '../exports/content-disposition';
import { PAPER_FORMATS, type PaperFormat } from '../exports/pdf-document';
import { PlanExportsService, type ExportFile } from './plan-exports.service';

const uuid = () => new ParseUUIDPipe();

export class PdfExportQueryDto {
  @ApiPropertyOptional({ enum: PAPER_FORMATS, default: 'A4', description: 'Paper size, always landscape' })
  @IsOptional()
  @IsIn(PAPER_FORMATS, { message: 'format must be A3 or A4' })
  format?: PaperFormat;
}

const download = (file: ExportFile, type: string): StreamableFile =>
  new StreamableFile(file.content, { type, disposition: attachmentDisposition(file.fileName), length: file.content.length });

/** Exports of one project's plan (Excel, PDF) and the personal calendar feed URL. */
@ApiTags('planning')
@Controller('projects/:projectId/plan')
export class PlanExportsController {
  constructor(private readonly exports: PlanExportsService) {}

  @Get('export.xlsx')
  @ProjectAccess('project.read')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportXlsx(@Param('projectId', uuid()) projectId: string): Promise<StreamableFile> {
    return download(await this.exports.xlsx(projectId), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }

  /** Phases and key milestones with their dates and slippage against the latest baseline, landscape. */
  @Get('export.pdf')
  @ProjectAccess('project.read')
  @ApiProduces('application/pdf')
  async exportPdf(@Param('projectId', uuid()) projectId: string, @Query() query: PdfExportQueryDto): Promise<StreamableFile> {
    return download(await this.exports.pdf(projectId, query.format ?? 'A4'), 'application/pdf');
  }

  @Get('calendar-feed')
  @ProjectAccess('project.read')
  @ApiOkResponse({ description: '{ url }: the caller’s personal iCalendar feed of the key milestones' })
  async calendarFeed(
    @Param('projectId', uuid()) projectId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
  ): Promise<{ url: string }> {
    if (!user) throw new NotFoundException('No signed-in user');
    return { url: await this.exports.feedUrl(user.id, projectId) };
  }

  /** A new secret token for the caller's feeds: the URLs given before stop working. */
  @Post('calendar-feed/reset')
  @HttpCode(200)
  @ProjectAccess('project.read')
  @ApiOkResponse({ description: '{ url }: the new feed URL' })
  async resetCalendarFeed(
    @Param('projectId', uuid()) projectId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
  ): Promise<{ url: string }> {
    if (!user) throw new NotFoundException('No signed-in user');
    return { url: await this.exports.resetFeedToken(user.id, projectId) };
  }
}

/** The public iCalendar feed: the secret token in the URL stands for the user. */
@ApiTags('planning')
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly exports: PlanExportsService) {}

  @Get(':token/projects/:projectId/milestones.ics')
  @Public()
  @Header('Cache-Control', 'private, max-age=300')
  async milestones(
    @Param('token') token: string,
    @Param('projectId', uuid()) projectId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const ics = await this.exports.milestonesIcs(token, projectId);
    response.type('text/calendar; charset=utf-8');
    return ics;
  }
}
