import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  CampaignCriteriaDto,
  ChainVerificationDto,
  GoNoGoDecisionDto,
  GoNoGoEvaluationDto,
  GoNoGoOverviewDto,
  ReadinessEvidenceFileDto,
  ReadinessItemDto,
  ReserveDto,
} from '@jalon/domain';
import { CurrentUser, ProjectAccess, type AuthenticatedUser } from '../access/access.decorators';
import type { JalonRequest } from '../access/access.guard';
import { fieldError } from '../common/api-errors';
import { ATTACHMENT_UPLOAD_LIMITS, AttachmentUploadErrors, type UploadedAttachment } from '../acceptance/executions-attachments';
import { attachmentDisposition } from '../exports/content-disposition';
import { sendStoredFile } from '../exports/stored-file-download';
import {
  CreateReadinessItemDto,
  CriteriaVersionDto,
  LiftReserveDto,
  ProposeDecisionDto,
  SignDecisionDto,
  UpdateCampaignCriteriaDto,
  UpdateReadinessItemDto,
  VersionDto,
} from './go-no-go.dto';
import { GoNoGoService } from './go-no-go.service';
import { renderPv } from './pv-pdf';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });

/**
 * The signed go / no-go (issue 16) under /api/projects/:projectId/go-no-go: readiness checklist,
 * campaign criteria and their lock, live evaluation, decisions and their signatures, the chain's
 * verification, the PV de recette and the réserves. No route changes or deletes a signature.
 */
@ApiTags('go-no-go')
@Controller('projects/:projectId/go-no-go')
export class GoNoGoController {
  constructor(private readonly service: GoNoGoService) {}

  @Get()
  @ProjectAccess('gonogo.read')
  overview(@Param('projectId', uuid('projectId')) projectId: string): Promise<GoNoGoOverviewDto> {
    return this.service.overview(projectId);
  }

  @Get('readiness')
  @ProjectAccess('gonogo.read')
  readiness(@Param('projectId', uuid('projectId')) projectId: string): Promise<ReadinessItemDto[]> {
    return this.service.readiness(projectId);
  }

  @Post('readiness')
  @ProjectAccess('gonogo.prepare')
  createReadiness(@Param('projectId', uuid('projectId')) projectId: string, @Body() input: CreateReadinessItemDto): Promise<ReadinessItemDto> {
    return this.service.createReadinessItem(projectId, input);
  }

  @Post('readiness/template')
  @ProjectAccess('gonogo.prepare')
  @ApiCreatedResponse({ description: 'Adds the template checklist (the mistakes to avoid before a go-live) for a lot, or the whole project' })
  applyTemplate(@Param('projectId', uuid('projectId')) projectId: string, @Query('lotId') lotId?: string): Promise<ReadinessItemDto[]> {
    if (lotId !== undefined && !/^[0-9a-f-]{36}$/i.test(lotId)) throw fieldError(400, 'lotId', 'lotId must be a UUID');
    return this.service.applyReadinessTemplate(projectId, lotId ?? null);
  }

  @Patch('readiness/:itemId')
  @ProjectAccess('gonogo.prepare')
  updateReadiness(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Body() input: UpdateReadinessItemDto,
  ): Promise<ReadinessItemDto> {
    return this.service.updateReadinessItem(projectId, itemId, input);
  }

  @Delete('readiness/:itemId')
  @ProjectAccess('gonogo.prepare')
  @HttpCode(204)
  async deleteReadiness(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Body() input: VersionDto,
  ): Promise<void> {
    await this.service.deleteReadinessItem(projectId, itemId, input.version);
  }

  @Post('readiness/:itemId/evidence')
  @ProjectAccess('gonogo.prepare')
  @UseInterceptors(AttachmentUploadErrors, FileInterceptor('file', { limits: ATTACHMENT_UPLOAD_LIMITS, defParamCharset: 'utf8' }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: 'ReadinessEvidenceFileDto. PNG, JPEG, GIF, WebP, PDF or text, told by content; 5 MiB at most' })
  addEvidence(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @UploadedFile() file: UploadedAttachment | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReadinessEvidenceFileDto> {
    return this.service.addEvidenceFile(projectId, itemId, file, user.id);
  }

  /** The stored bytes, to members only, as a download of the type recognised when it was stored. */
  @Get('readiness/:itemId/evidence/:fileId')
  @ProjectAccess('gonogo.read')
  @ApiOkResponse({ description: 'The file, Content-Disposition: attachment (RFC 5987 name), X-Content-Type-Options: nosniff' })
  async evidence(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Param('fileId', uuid('fileId')) fileId: string,
    @Res() response: Response,
  ): Promise<void> {
    sendStoredFile(response, await this.service.evidenceFile(projectId, itemId, fileId));
  }

  @Delete('readiness/:itemId/evidence/:fileId')
  @ProjectAccess('gonogo.prepare')
  @HttpCode(204)
  async deleteEvidence(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Param('fileId', uuid('fileId')) fileId: string,
  ): Promise<void> {
    await this.service.deleteEvidenceFile(projectId, itemId, fileId);
  }

  @Get('campaigns/:campaignId/criteria')
  @ProjectAccess('gonogo.read')
  criteria(@Param('projectId', uuid('projectId')) projectId: string, @Param('campaignId', uuid('campaignId')) campaignId: string): Promise<CampaignCriteriaDto> {
    return this.service.criteria(projectId, campaignId);
  }

  @Put('campaigns/:campaignId/criteria')
  @ProjectAccess('gonogo.prepare')
  @ApiOkResponse({ description: 'version 0 while the campaign has the defaults; 409 criteria_locked once locked' })
  updateCriteria(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Body() input: UpdateCampaignCriteriaDto,
  ): Promise<CampaignCriteriaDto> {
    return this.service.updateCriteria(projectId, campaignId, input.criteria, input.version);
  }

  @Post('campaigns/:campaignId/criteria/lock')
  @ProjectAccess('gonogo.prepare')
  @HttpCode(200)
  lockCriteria(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Body() input: CriteriaVersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CampaignCriteriaDto> {
    return this.service.lockCriteria(projectId, campaignId, input.version, user.id);
  }

  @Get('campaigns/:campaignId/evaluation')
  @ProjectAccess('gonogo.read')
  @ApiOkResponse({ description: 'Each criterion green or red, live, with the defects, requirements, readiness items or risks that make it red' })
  evaluation(@Param('projectId', uuid('projectId')) projectId: string, @Param('campaignId', uuid('campaignId')) campaignId: string): Promise<GoNoGoEvaluationDto> {
    return this.service.evaluate(projectId, campaignId);
  }

  @Get('campaigns/:campaignId/decisions')
  @ProjectAccess('gonogo.read')
  decisions(@Param('projectId', uuid('projectId')) projectId: string, @Param('campaignId', uuid('campaignId')) campaignId: string): Promise<GoNoGoDecisionDto[]> {
    return this.service.decisions(projectId, campaignId);
  }

  @Post('campaigns/:campaignId/decisions')
  @ProjectAccess('gonogo.prepare')
  @ApiCreatedResponse({ description: 'The decision with its evaluation frozen and its content hash; 422 criteria_not_locked' })
  propose(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Body() input: ProposeDecisionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<GoNoGoDecisionDto> {
    return this.service.propose(projectId, campaignId, input, user);
  }

  @Get('decisions/:decisionId')
  @ProjectAccess('gonogo.read')
  decision(@Param('projectId', uuid('projectId')) projectId: string, @Param('decisionId', uuid('decisionId')) decisionId: string): Promise<GoNoGoDecisionDto> {
    return this.service.decision(projectId, decisionId);
  }

  @Post('decisions/:decisionId/signatures')
  @ProjectAccess('gonogo.sign')
  @ApiCreatedResponse({ description: 'Signs (or refuses with a reason) with the password re-entered: 401 wrong_password, 403 not_a_signer, 409 already_signed' })
  sign(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('decisionId', uuid('decisionId')) decisionId: string,
    @Body() input: SignDecisionDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: JalonRequest,
  ): Promise<GoNoGoDecisionDto> {
    return this.service.sign(projectId, decisionId, input, { user, address: request.ip ?? 'unknown' });
  }

  @Get('decisions/:decisionId/verify')
  @ProjectAccess('gonogo.read')
  @ApiOkResponse({ description: 'Recomputes the hash chain: intact, or the first record that changed' })
  verify(@Param('projectId', uuid('projectId')) projectId: string, @Param('decisionId', uuid('decisionId')) decisionId: string): Promise<ChainVerificationDto> {
    return this.service.verify(projectId, decisionId);
  }

  @Get('decisions/:decisionId/pv.pdf')
  @ProjectAccess('gonogo.read')
  @ApiOkResponse({ description: 'The PV de recette (PDF): campaign, results, criteria, réserves, signatures, the decision hash on every page' })
  async pv(@Param('projectId', uuid('projectId')) projectId: string, @Param('decisionId', uuid('decisionId')) decisionId: string): Promise<StreamableFile> {
    const data = await this.service.pvData(projectId, decisionId);
    const content = await renderPv(data);
    const safeName = data.campaign.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 80) || 'campagne';
    return new StreamableFile(content, {
      type: 'application/pdf',
      disposition: attachmentDisposition(`PV de recette - ${safeName}.pdf`),
      length: content.length,
    });
  }

  @Get('reserves')
  @ProjectAccess('gonogo.read')
  reserves(@Param('projectId', uuid('projectId')) projectId: string): Promise<ReserveDto[]> {
    return this.service.reserves(projectId, null);
  }

  @Post('reserves/:reserveId/levee')
  @ProjectAccess('gonogo.prepare')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Lifts a réserve with a verified re-test; 422 reserve_not_verified otherwise' })
  lift(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('reserveId', uuid('reserveId')) reserveId: string,
    @Body() input: LiftReserveDto,
  ): Promise<ReserveDto> {
    return this.service.liftReserve(projectId, reserveId, input);
  }
}
