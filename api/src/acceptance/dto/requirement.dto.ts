import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import {
  ACCEPTANCE_REFERENCE_MAX,
  ACCEPTANCE_TEXT_MAX,
  ACCEPTANCE_TITLE_MAX,
  REQUIREMENT_CATEGORIES,
  REQUIREMENT_CONFORMITIES,
  REQUIREMENT_PRIORITIES,
  REQUIREMENT_STATUSES,
  type CreateRequirementRequest,
  type RequirementCategory,
  type RequirementConformity,
  type RequirementImportMapping,
  type RequirementImportPreviewRequest,
  type RequirementImportRequest,
  type RequirementListQuery,
  type RequirementPriority,
  type RequirementStatus,
  type UpdateRequirementRequest,
} from '@jalon/domain';
import { IsName, OptionalNotNull } from '../../common/validation';

/** Letters, digits, then letters, digits, spaces and . _ / - (« EXG-001 », « F-ROUT.12 »). */
export const REFERENCE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u;
const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A reference people type: trimmed, 1–30 characters of the pattern. */
export function IsReference(): PropertyDecorator {
  return (target, property) => {
    trim(target, property);
    IsString()(target, property);
    IsNotEmpty({ message: `${String(property)} must not be empty` })(target, property);
    MaxLength(ACCEPTANCE_REFERENCE_MAX, { message: `${String(property)} is at most ${ACCEPTANCE_REFERENCE_MAX} characters` })(target, property);
    Matches(REFERENCE_PATTERN, { message: `${String(property)} starts with a letter or a digit and holds letters, digits, spaces and . _ / - only` })(
      target,
      property,
    );
  };
}

const oneOf = (values: readonly string[], field: string) => IsIn(values, { message: `${field} must be one of ${values.join(', ')}` });

export class CreateRequirementDto implements CreateRequirementRequest {
  @ApiPropertyOptional({ description: 'Unique in the project; the next EXG-nnn when absent', maxLength: ACCEPTANCE_REFERENCE_MAX })
  @OptionalNotNull()
  @IsReference()
  reference?: string;

  @ApiProperty({ maxLength: ACCEPTANCE_TITLE_MAX })
  @IsName(ACCEPTANCE_TITLE_MAX)
  title!: string;

  @ApiPropertyOptional({ description: 'Bullet or numbered lines are its acceptance criteria' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(ACCEPTANCE_TEXT_MAX)
  description?: string;

  @ApiProperty({ enum: REQUIREMENT_CATEGORIES })
  @oneOf(REQUIREMENT_CATEGORIES, 'category')
  category!: RequirementCategory;

  @ApiProperty({ enum: REQUIREMENT_PRIORITIES })
  @oneOf(REQUIREMENT_PRIORITIES, 'priority')
  priority!: RequirementPriority;

  @ApiPropertyOptional({ nullable: true, description: 'A lot of the project’s plan' })
  @IsOptional()
  @IsUUID('all', { message: 'lotId must be the id of a lot of the plan' })
  lotId?: string | null;

  @ApiPropertyOptional({ enum: REQUIREMENT_CONFORMITIES, nullable: true, description: 'The chosen vendor’s answer' })
  @IsOptional()
  @oneOf(REQUIREMENT_CONFORMITIES, 'conformity')
  conformity?: RequirementConformity | null;

  @ApiPropertyOptional({ enum: REQUIREMENT_STATUSES, default: 'brouillon' })
  @OptionalNotNull()
  @oneOf(REQUIREMENT_STATUSES, 'status')
  status?: RequirementStatus;
}

/** The version an edit read: a stale one gets 409 with the current version. */
export class VersionReadDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version!: number;
}

/** Every field of a requirement, optional (an omitted one stays as it is, null is refused where creation refuses it), and the version read. */
export class UpdateRequirementDto
  extends IntersectionType(VersionReadDto, PartialType(CreateRequirementDto, { skipNullProperties: false }))
  implements UpdateRequirementRequest
{
  @ApiPropertyOptional({ maxLength: ACCEPTANCE_REFERENCE_MAX })
  declare reference?: string;

  @ApiPropertyOptional({ enum: REQUIREMENT_STATUSES })
  declare status?: RequirementStatus;
}

export class RequirementListQueryDto implements RequirementListQuery {
  @ApiPropertyOptional({ enum: REQUIREMENT_CATEGORIES })
  @IsOptional()
  @oneOf(REQUIREMENT_CATEGORIES, 'category')
  category?: RequirementCategory;

  @ApiPropertyOptional({ enum: REQUIREMENT_PRIORITIES })
  @IsOptional()
  @oneOf(REQUIREMENT_PRIORITIES, 'priority')
  priority?: RequirementPriority;

  @ApiPropertyOptional({ description: 'A lot id, or « none » for the requirements without lot' })
  @IsOptional()
  @Matches(/^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'lotId must be a lot id or « none »' })
  lotId?: string;

  @ApiPropertyOptional({ enum: REQUIREMENT_STATUSES })
  @IsOptional()
  @oneOf(REQUIREMENT_STATUSES, 'status')
  status?: RequirementStatus;

  @ApiPropertyOptional({ description: 'Text in the reference, title or description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ImportRequirementsPreviewDto implements RequirementImportPreviewRequest {
  @ApiProperty({ description: 'The file name; .xlsx or .csv decides how it is read' })
  @IsString()
  @IsNotEmpty({ message: 'fileName must not be empty' })
  @MaxLength(255)
  fileName!: string;

  @ApiProperty({ description: 'The file, base64-encoded (the request stays under the 1 MB body limit)' })
  @IsString()
  @IsNotEmpty({ message: 'content must not be empty' })
  content!: string;

  @ApiPropertyOptional({
    description: 'Field → column header (reference, title, description, category, priority, lot, conformity, status); overrides the guess',
  })
  @OptionalNotNull()
  @IsObject({ message: 'mapping must map fields to column headers' })
  mapping?: RequirementImportMapping;
}

export class ImportRequirementsDto extends ImportRequirementsPreviewDto implements RequirementImportRequest {
  @ApiPropertyOptional({ description: 'Import the valid rows even when others are rejected' })
  @OptionalNotNull()
  @IsBoolean()
  validRowsOnly?: boolean;
}
