import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CoverageDto, TraceabilityDto } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { attachmentDisposition } from '../exports/content-disposition';
import { uuid } from './campaigns.controller';
import { CoverageExport } from './coverage-export';
import { CoverageService } from './coverage.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const campaignOf = (campaignId: string | undefined): string | null => {
  if (campaignId === undefined || campaignId === '') return null;
  if (!UUID.test(campaignId)) throw fieldError(400, 'campaignId', 'campaignId must be a UUID');
  return campaignId;
};

/** Coverage of the requirements and the traceability matrix (issue 15). */
@ApiTags('acceptance')
@Controller('projects/:projectId/acceptance')
export class CoverageController {
  constructor(
    private readonly coverage: CoverageService,
    private readonly exporter: CoverageExport,
  ) {}

  @Get('coverage')
  @ProjectAccess('acceptance.read')
  @ApiQuery({ name: 'campaignId', required: false, description: 'One campaign’s scope and results; without: latest results in any campaign' })
  @ApiOkResponse({ description: 'CoverageDto: per requirement non couverte / non exécutée / OK / KO (the worst of its cases’ latest results)' })
  coverageOf(@Param('projectId', uuid('projectId')) projectId: string, @Query('campaignId') campaignId?: string): Promise<CoverageDto> {
    return this.coverage.coverage(projectId, campaignOf(campaignId));
  }

  @Get('traceability')
  @ProjectAccess('acceptance.read')
  @ApiQuery({ name: 'campaignId', required: false })
  @ApiOkResponse({ description: 'TraceabilityDto: requirements × cases with the latest results' })
  traceability(@Param('projectId', uuid('projectId')) projectId: string, @Query('campaignId') campaignId?: string): Promise<TraceabilityDto> {
    return this.coverage.traceability(projectId, campaignOf(campaignId));
  }

  @Get('traceability.xlsx')
  @ProjectAccess('acceptance.read')
  @ApiQuery({ name: 'campaignId', required: false })
  @ApiOkResponse({ description: 'The matrix as a spreadsheet: a sheet requirements × cases, a sheet of the links' })
  async traceabilityXlsx(@Param('projectId', uuid('projectId')) projectId: string, @Query('campaignId') campaignId?: string): Promise<StreamableFile> {
    const { fileName, content } = await this.exporter.traceabilityXlsx(projectId, campaignOf(campaignId));
    return new StreamableFile(content, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: attachmentDisposition(fileName),
      length: content.length,
    });
  }
}
