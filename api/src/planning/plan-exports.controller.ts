import { Controller, Get, Header, NotFoundException, Param, ParseUUIDPipe, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, ProjectAccess, Public, type AuthenticatedUser } from '../access/access.decorators';
import { PlanExportsService } from './plan-exports.service';

const uuid = () => new ParseUUIDPipe();

/** Exports of one project's plan: the Excel workbook and the personal calendar feed URL. */
@ApiTags('planning')
@Controller('projects/:projectId/plan')
export class PlanExportsController {
  constructor(private readonly exports: PlanExportsService) {}

  @Get('export.xlsx')
  @ProjectAccess('project.read')
  async exportXlsx(@Param('projectId', uuid()) projectId: string): Promise<StreamableFile> {
    const { fileName, content } = await this.exports.xlsx(projectId);
    return new StreamableFile(content, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${fileName}"`,
      length: content.length,
    });
  }

  @Get('calendar-feed')
  @ProjectAccess('project.read')
  async calendarFeed(
    @Param('projectId', uuid()) projectId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Req() request: Request,
  ): Promise<{ url: string }> {
    if (!user) throw new NotFoundException('No signed-in user');
    const path = await this.exports.feedPath(user.id, projectId);
    return { url: `${request.protocol}://${request.get('host') ?? 'localhost'}${path}` };
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
