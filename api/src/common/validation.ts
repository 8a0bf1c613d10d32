import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ApiFieldError } from '@jalon/domain';
import { fieldErrors } from './api-errors';

/** Flattens nested class-validator errors into one entry per field path (`tasks.0.duration`). */
export function toFieldErrors(errors: ValidationError[], parent = ''): ApiFieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: ApiFieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints) }]
      : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** Whitelisting, unknown fields refused, and 400 answers that name every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => fieldErrors(toFieldErrors(errors)),
  });
}
