import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AttachmentDto, ExecutionDto } from '@jalon/domain';
import { CurrentMembership, CurrentUser, ProjectAccess, type AuthenticatedUser, type ProjectMembershipContext } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { sendStoredFile } from '../exports/stored-file-download';
import { uuid } from './campaigns.controller';
import { acceptanceActorOf } from './campaigns-common';
import { ATTACHMENT_UPLOAD_LIMITS, AttachmentUploadErrors, type UploadedAttachment } from './executions-attachments';
import { RecordStepResultDto } from './executions.dto';
import { ExecutionsService } from './executions.service';

const stepIndexPipe = () =>
  new ParseIntPipe({ exceptionFactory: () => fieldError(400, 'stepIndex', 'stepIndex must be the 0-based position of a step') });

/** Runs of test cases: step results, attachments (issue 15). */
@ApiTags('acceptance')
@Controller('projects/:projectId/acceptance/executions')
export class ExecutionsController {
  constructor(private readonly executions: ExecutionsService) {}

  @Get(':executionId')
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'ExecutionDto: the steps as they were run, their results, attachments and defects' })
  execution(@Param('projectId', uuid('projectId')) projectId: string, @Param('executionId', uuid('executionId')) executionId: string): Promise<ExecutionDto> {
    return this.executions.execution(projectId, executionId);
  }

  /** The assignee records a step (a key user only on the runs of the cases assigned to them). */
  @Put(':executionId/steps/:stepIndex')
  @ProjectAccess('acceptance.execute', { ownerOf: 'execution' })
  @ApiOkResponse({ description: 'ExecutionDto with the case’s result rolled up from its steps' })
  recordStep(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('executionId', uuid('executionId')) executionId: string,
    @Param('stepIndex', stepIndexPipe()) stepIndex: number,
    @Body() input: RecordStepResultDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<ExecutionDto> {
    return this.executions.recordStep(projectId, executionId, stepIndex, input, acceptanceActorOf(user, membership));
  }

  @Post(':executionId/steps/:stepIndex/attachments')
  @ProjectAccess('acceptance.execute', { ownerOf: 'execution' })
  @UseInterceptors(AttachmentUploadErrors, FileInterceptor('file', { limits: ATTACHMENT_UPLOAD_LIMITS }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: 'AttachmentDto. PNG, JPEG, GIF, WebP, PDF or text, told by content; 5 MiB at most' })
  addAttachment(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('executionId', uuid('executionId')) executionId: string,
    @Param('stepIndex', stepIndexPipe()) stepIndex: number,
    @UploadedFile() file: UploadedAttachment | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<AttachmentDto> {
    return this.executions.addAttachment(projectId, executionId, stepIndex, file, acceptanceActorOf(user, membership));
  }

  /** The stored bytes, to members only, as a download of the type recognised when it was stored. */
  @Get(':executionId/attachments/:attachmentId')
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'The file, Content-Disposition: attachment, X-Content-Type-Options: nosniff' })
  async attachment(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('executionId', uuid('executionId')) executionId: string,
    @Param('attachmentId', uuid('attachmentId')) attachmentId: string,
    @Res() response: Response,
  ): Promise<void> {
    sendStoredFile(response, await this.executions.attachment(projectId, executionId, attachmentId));
  }
}
