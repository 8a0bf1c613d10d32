import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@jalon/planning';

/**
 * A calendar date written exactly 'YYYY-MM-DD' that exists (no 2027-02-30): the scheduling
 * contract's only date format. Null passes when combined with `@IsOptional()` (it clears the date).
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** Optional, but not nullable: absent leaves the field as it is, null is refused. */
export const IfPresent = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
