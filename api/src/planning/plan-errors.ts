import {
  BadRequestException,
  ConflictException,
  NotFoundException,
  UnprocessableEntityException,
  type HttpException,
} from '@nestjs/common';

/** A 4xx naming the one field at fault, in the same shape as the validation pipe's answers. */
export function fieldError(status: 400 | 422, field: string, message: string): HttpException {
  const body = {
    statusCode: status,
    error: status === 400 ? 'Bad Request' : 'Unprocessable Entity',
    message,
    fields: [{ field, messages: [message] }],
  };
  return status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
}

/** 409 with the version the caller should reload, so the web can tell "someone else edited this". */
export function staleVersion(entity: string, id: string, currentVersion: number): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `The ${entity} ${id} was changed by someone else (current version ${currentVersion}): reload it`,
    entity,
    id,
    currentVersion,
  });
}

export function notFound(entity: string, id: string): NotFoundException {
  return new NotFoundException(`The ${entity} ${id} does not exist in this project`);
}

/**
 * The engine could not compute the plan the change would produce (a cycle, an unknown task…):
 * thrown inside the write transaction, so nothing of the change is stored.
 */
export function planNotComputable(error: { code: string; message: string; taskIds: string[] }): HttpException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: error.message,
    code: error.code,
    taskIds: error.taskIds,
  });
}
