import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  ACCEPTANCE_REFERENCE_MAX,
  ACCEPTANCE_TEXT_MAX,
  ACCEPTANCE_TITLE_MAX,
  TEST_CASE_CRITICALITIES,
  TEST_CASE_MAX_STEPS,
  TEST_CASE_STATUSES,
  type CreateTestCaseRequest,
  type GenerateTestCasesRequest,
  type LinkRequirementsRequest,
  type TestCaseCriticality,
  type TestCaseListQuery,
  type TestCaseStatus,
  type TestStepInput,
  type UpdateTestCaseRequest,
} from '@jalon/domain';
import { IsName, OptionalNotNull } from '../../common/validation';
import { IsReference, VersionReadDto } from './requirement.dto';

const oneOf = (values: readonly string[], field: string) => IsIn(values, { message: `${field} must be one of ${values.join(', ')}` });
/** Most requirements one request links or drafts cases from. */
const MAX_IDS = 500;

export class TestStepDto implements TestStepInput {
  @ApiPropertyOptional({ description: 'The step’s position (1, 2, 3…): when given, it must be its place in the list' })
  @IsOptional()
  @IsInt({ message: 'order must be a whole number' })
  order?: number;

  @ApiProperty()
  @IsString({ message: 'action must be text' })
  @MaxLength(ACCEPTANCE_TEXT_MAX)
  action!: string;

  @ApiPropertyOptional({ description: 'The test data (may be empty)' })
  @OptionalNotNull()
  @IsString({ message: 'data must be text' })
  @MaxLength(ACCEPTANCE_TEXT_MAX)
  data?: string;

  @ApiProperty({ description: 'The expected result' })
  @IsString({ message: 'expected must be text' })
  @MaxLength(ACCEPTANCE_TEXT_MAX)
  expected!: string;
}

export class CreateTestCaseDto implements CreateTestCaseRequest {
  @ApiPropertyOptional({ description: 'Unique in the project; the next CT-nnn when absent', maxLength: ACCEPTANCE_REFERENCE_MAX })
  @OptionalNotNull()
  @IsReference()
  reference?: string;

  @ApiProperty({ maxLength: ACCEPTANCE_TITLE_MAX })
  @IsName(ACCEPTANCE_TITLE_MAX)
  title!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(ACCEPTANCE_TEXT_MAX)
  preconditions?: string;

  @ApiProperty({ type: [TestStepDto], description: 'In order, at least one; each with an action and an expected result' })
  @IsArray({ message: 'steps must be a list of steps' })
  @ArrayMinSize(1, { message: 'a test case has at least one step' })
  @ArrayMaxSize(TEST_CASE_MAX_STEPS, { message: `a test case has at most ${TEST_CASE_MAX_STEPS} steps` })
  @ValidateNested({ each: true })
  @Type(() => TestStepDto)
  steps!: TestStepDto[];

  @ApiPropertyOptional({ enum: TEST_CASE_CRITICALITIES, default: 'moyenne' })
  @OptionalNotNull()
  @oneOf(TEST_CASE_CRITICALITIES, 'criticality')
  criticality?: TestCaseCriticality;

  @ApiPropertyOptional({ enum: TEST_CASE_STATUSES, default: 'brouillon' })
  @OptionalNotNull()
  @oneOf(TEST_CASE_STATUSES, 'status')
  status?: TestCaseStatus;

  @ApiPropertyOptional({ type: [String], description: 'Requirements of this project the case checks' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_IDS)
  @IsUUID('all', { each: true, message: 'requirementIds must list requirement ids' })
  requirementIds?: string[];
}

/** Every field of a case, optional (an omitted one stays as it is, null is refused where creation refuses it), and the version read. */
export class UpdateTestCaseDto
  extends IntersectionType(VersionReadDto, PartialType(CreateTestCaseDto, { skipNullProperties: false }))
  implements UpdateTestCaseRequest
{
  @ApiPropertyOptional({ maxLength: ACCEPTANCE_REFERENCE_MAX })
  declare reference?: string;

  @ApiPropertyOptional({ type: [TestStepDto], description: 'Replaces every step' })
  declare steps?: TestStepDto[];

  @ApiPropertyOptional({ enum: TEST_CASE_CRITICALITIES })
  declare criticality?: TestCaseCriticality;

  @ApiPropertyOptional({ enum: TEST_CASE_STATUSES })
  declare status?: TestCaseStatus;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the linked requirements' })
  declare requirementIds?: string[];
}

export class LinkRequirementsDto implements LinkRequirementsRequest {
  @ApiProperty({ description: 'The case’s version read' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version!: number;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1, { message: 'requirementIds must list at least one requirement' })
  @ArrayMaxSize(MAX_IDS)
  @IsUUID('all', { each: true, message: 'requirementIds must list requirement ids' })
  requirementIds!: string[];
}

export class GenerateTestCasesDto implements GenerateTestCasesRequest {
  @ApiProperty({ type: [String], description: 'One draft case per requirement, in this order' })
  @IsArray()
  @ArrayMinSize(1, { message: 'requirementIds must list at least one requirement' })
  @ArrayMaxSize(MAX_IDS)
  @IsUUID('all', { each: true, message: 'requirementIds must list requirement ids' })
  requirementIds!: string[];
}

export class TestCaseListQueryDto implements TestCaseListQuery {
  @ApiPropertyOptional({ enum: TEST_CASE_STATUSES })
  @IsOptional()
  @oneOf(TEST_CASE_STATUSES, 'status')
  status?: TestCaseStatus;

  @ApiPropertyOptional({ enum: TEST_CASE_CRITICALITIES })
  @IsOptional()
  @oneOf(TEST_CASE_CRITICALITIES, 'criticality')
  criticality?: TestCaseCriticality;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'requirementId must be a requirement id' })
  requirementId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
