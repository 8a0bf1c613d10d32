import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, Validate, ValidateIf, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import type { ApiFieldError } from '@jalon/domain';
import { fieldError, fieldErrors } from './api-errors';

/** What the database stores for every integer column (PostgreSQL `integer`). */
export const INT4_MIN = -2147483648;
export const INT4_MAX = 2147483647;
/** Positions order rows in a list; a new row takes the last one + 1, so they stay well below INT4_MAX. */
export const MAX_POSITION = 1_000_000;

/**
 * The first number of a validated value (body, query or parameter) that the database cannot
 * store as an integer, with its path: every integer the API accepts is bounded by construction.
 */
export function outOfInt4(value: unknown, path: string): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'number') {
      if (!Number.isFinite(item.value) || item.value < INT4_MIN || item.value > INT4_MAX) return item.path || 'value';
      // A row goes after the last position (+1): positions stay far below the integer limit.
      if (/(^|\.)position$/.test(item.path) && Math.abs(item.value) > MAX_POSITION) return item.path;
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null || item.value instanceof Date) continue;
    for (const [key, child] of Object.entries(item.value)) {
      stack.push({ value: child, path: item.path ? `${item.path}.${key}` : key });
    }
  }
  return null;
}

/**
 * An optional field that may be absent but not `null` (the column is not nullable): unlike
 * `@IsOptional()`, `null` is validated, and refused by the field's other rules.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** Whitespace, control and format characters (zero-width, bidirectional overrides): invisible. */
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/gu;
/** Control characters and bidirectional overrides / isolates have no place in a name. */
const FORBIDDEN_IN_NAME = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

@ValidatorConstraint({ name: 'visibleName' })
class VisibleName implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && !FORBIDDEN_IN_NAME.test(value) && value.replace(INVISIBLE, '').length > 0;
  }
  defaultMessage(args?: ValidationArguments): string {
    return `${args?.property ?? 'name'} must contain visible characters and no control or bidirectional-override characters`;
  }
}

/**
 * A name people read (project, user, task…): trimmed, at most `maxLength` characters, with at
 * least one visible character and no control or bidirectional-override character.
 */
export function IsName(maxLength = 200): PropertyDecorator {
  return (target, property) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))(target, property);
    IsString()(target, property);
    MaxLength(maxLength)(target, property);
    Validate(VisibleName)(target, property);
  };
}

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

const ID_PARAM = /^(id|[a-z][A-Za-z]*Id)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The validation pipe, then no number beyond what the database stores (400 naming the field). */
class JalonValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Route ids (`:taskId`, `:userId`…) are UUIDs: a malformed one is a 400 naming the parameter.
    const name = metadata.data;
    if (metadata.type === 'param' && name && ID_PARAM.test(name) && typeof value === 'string' && !UUID.test(value)) {
      throw fieldError(400, name, `${name} must be a UUID`);
    }
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const field = outOfInt4(result, metadata.data ?? '');
      if (field) {
        const [min, max] = /(^|\.)position$/.test(field) ? [-MAX_POSITION, MAX_POSITION] : [INT4_MIN, INT4_MAX];
        throw fieldError(400, field, `${field} must be between ${min} and ${max}`);
      }
    }
    return result;
  }
}

/** Whitelisting, unknown fields refused, and 400 answers that name every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new JalonValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => fieldErrors(toFieldErrors(errors)),
  });
}
