import { Body, Controller, Delete, Get, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { COMPACT_REGISTER_MEDIA_TYPE, type RiskDto, type RiskReviewDto, type RiskReviewSummaryDto, type RiskSettingsDto } from '@jalon/risks';
import {
  CurrentMembership,
  CurrentUser,
  ProjectAccess,
  type AuthenticatedUser,
  type ProjectMembershipContext,
} from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { sendSerialisedJson } from '../common/serialised-json';
import { attachmentDisposition } from '../exports/content-disposition';
import {
  AcceptRiskDto,
  CreateReviewDto,
  CreateRiskDto,
  CreateTreatmentDto,
  ImportRisksDto,
  UpdateRiskDto,
  UpdateRiskSettingsDto,
  UpdateTreatmentDto,
} from './dto/risk.dto';
import { RisksExport } from './risks-export';
import { RisksService, type RiskActor, type RiskImportResult } from './risks.service';

const uuid = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });

const actorOf = (user: AuthenticatedUser, membership: ProjectMembershipContext): RiskActor => ({
  id: user.id,
  displayName: user.displayName,
  isAdmin: user.isAdmin,
  role: membership.role,
});

/** The risk register of a project (issue 12): risks, treatments, acceptance, reviews, export. */
@ApiTags('risks')
@Controller('projects/:projectId/risks')
export class RisksController {
  constructor(
    private readonly risks: RisksService,
    private readonly exporter: RisksExport,
  ) {}

  @Get()
  @ProjectAccess('risk.read')
  @ApiOkResponse({
    description:
      'RiskRegisterDto of @jalon/risks: every risk with its scores, bands, flags (review overdue, materialising), trend and movement; ' +
      'with Accept: application/vnd.jalon.risk-register-compact+json the same register as a CompactRiskRegisterDto (about a third of the bytes; expandRegister gives the RiskRegisterDto back)',
  })
  @ApiProduces('application/json', COMPACT_REGISTER_MEDIA_TYPE)
  async register(@Param('projectId', uuid('projectId')) projectId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const compact = (request.headers.accept ?? '').includes(COMPACT_REGISTER_MEDIA_TYPE);
    const register = await this.risks.serialisedRegister(projectId, compact ? 'compact' : 'plain');
    sendSerialisedJson(request, response, register, { mediaType: compact ? COMPACT_REGISTER_MEDIA_TYPE : 'application/json', negotiated: true });
  }

  @Get('export.xlsx')
  @ProjectAccess('risk.read')
  @ApiOkResponse({ description: 'The register as a spreadsheet (French headers, dates as date cells)' })
  async exportXlsx(@Param('projectId', uuid('projectId')) projectId: string): Promise<StreamableFile> {
    const { fileName, content } = await this.exporter.xlsx(projectId);
    return new StreamableFile(content, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: attachmentDisposition(fileName),
      length: content.length,
    });
  }

  @Post('import')
  @ProjectAccess('risk.edit')
  @ApiCreatedResponse({ description: 'Per-row result; with preview nothing is written; a rejected row writes nothing unless validOnly' })
  importRisks(@Param('projectId', uuid('projectId')) projectId: string, @Body() input: ImportRisksDto): Promise<RiskImportResult> {
    return this.risks.importRisks(
      projectId,
      { fileName: input.fileName, content: Buffer.from(input.content, 'base64') },
      { preview: input.preview ?? false, validOnly: input.validOnly ?? false },
    );
  }

  @Get('settings')
  @ProjectAccess('risk.read')
  settings(@Param('projectId', uuid('projectId')) projectId: string): Promise<RiskSettingsDto> {
    return this.risks.settings(projectId);
  }

  @Put('settings')
  @ProjectAccess('risk.edit')
  @ApiOkResponse({ description: 'Bands (no gap, no overlap), level labels, review intervals, float threshold' })
  updateSettings(@Param('projectId', uuid('projectId')) projectId: string, @Body() input: UpdateRiskSettingsDto): Promise<RiskSettingsDto> {
    return this.risks.updateSettings(projectId, input);
  }

  @Get('reviews')
  @ProjectAccess('risk.read')
  reviews(@Param('projectId', uuid('projectId')) projectId: string): Promise<RiskReviewSummaryDto[]> {
    return this.risks.reviews(projectId);
  }

  @Post('reviews')
  @ProjectAccess('risk.review')
  @ApiCreatedResponse({ description: 'The snapshot of every open risk, immutable; one review per day' })
  holdReview(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Body() input: CreateReviewDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<RiskReviewDto> {
    return this.risks.holdReview(projectId, input, actorOf(user, membership));
  }

  @Get('reviews/:reviewId')
  @ProjectAccess('risk.read')
  review(@Param('projectId', uuid('projectId')) projectId: string, @Param('reviewId', uuid('reviewId')) reviewId: string): Promise<RiskReviewDto> {
    return this.risks.review(projectId, reviewId);
  }

  @Post()
  @ProjectAccess('risk.edit')
  @ApiCreatedResponse({ description: 'The new risk, with the next reference R-nnn' })
  create(@Param('projectId', uuid('projectId')) projectId: string, @Body() input: CreateRiskDto): Promise<RiskDto> {
    return this.risks.createRisk(projectId, input);
  }

  @Get(':riskId')
  @ProjectAccess('risk.read')
  risk(@Param('projectId', uuid('projectId')) projectId: string, @Param('riskId', uuid('riskId')) riskId: string): Promise<RiskDto> {
    return this.risks.risk(projectId, riskId);
  }

  @Patch(':riskId')
  @ProjectAccess('risk.edit')
  update(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('riskId', uuid('riskId')) riskId: string,
    @Body() input: UpdateRiskDto,
  ): Promise<RiskDto> {
    return this.risks.updateRisk(projectId, riskId, input);
  }

  @Post(':riskId/acceptance')
  @ProjectAccess('risk.accept')
  @ApiCreatedResponse({ description: 'Records who accepted the risk, when, why and its scores; élevé / critique only by the sponsor or the project manager' })
  accept(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('riskId', uuid('riskId')) riskId: string,
    @Body() input: AcceptRiskDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<RiskDto> {
    return this.risks.acceptRisk(projectId, riskId, input, actorOf(user, membership));
  }

  /** Risk editors, and the risk's owner, add treatments (the owner-or-permission rule is checked in the transaction). */
  @Post(':riskId/treatments')
  @ProjectAccess('risk.read')
  addTreatment(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('riskId', uuid('riskId')) riskId: string,
    @Body() input: CreateTreatmentDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<RiskDto> {
    return this.risks.createTreatment(projectId, riskId, input, actorOf(user, membership));
  }

  @Patch(':riskId/treatments/:treatmentId')
  @ProjectAccess('risk.read')
  updateTreatment(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('riskId', uuid('riskId')) riskId: string,
    @Param('treatmentId', uuid('treatmentId')) treatmentId: string,
    @Body() input: UpdateTreatmentDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<RiskDto> {
    return this.risks.updateTreatment(projectId, riskId, treatmentId, input, actorOf(user, membership));
  }

  @Delete(':riskId/treatments/:treatmentId')
  @ProjectAccess('risk.read')
  @ApiQuery({ name: 'version', type: Number })
  deleteTreatment(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('riskId', uuid('riskId')) riskId: string,
    @Param('treatmentId', uuid('treatmentId')) treatmentId: string,
    @Query('version', new ParseIntPipe({ exceptionFactory: () => fieldError(400, 'version', 'version must be a whole number') })) version: number,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<RiskDto> {
    return this.risks.deleteTreatment(projectId, riskId, treatmentId, version, actorOf(user, membership));
  }
}
