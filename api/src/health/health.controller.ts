import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import type { Response } from 'express';
import type { HealthReport } from '@jalon/domain';
import type { JalonRequest } from '../access/access.guard';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOkResponse({
    description:
      'The database is reachable and every migration is applied. Anonymous callers get the status only; ' +
      'administrators also get the engine, the migrations and the uptime.',
  })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable or a migration is pending.' })
  async check(
    @Req() request: JalonRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HealthReport | Pick<HealthReport, 'status'>> {
    const report = await this.health.report();
    response.status(report.status === 'ok' ? 200 : 503);
    return request.user?.isAdmin ? report : { status: report.status };
  }
}
