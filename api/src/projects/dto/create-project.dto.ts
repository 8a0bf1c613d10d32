import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsName, OptionalNotNull } from '../../common/validation';
import {
  PROJECT_STATUSES,
  PROJECT_WEATHERS,
  type ProjectStatus,
  type ProjectWeather,
} from '@jalon/domain';
import { PLAN_TEMPLATE_NAMES, type PlanTemplateName } from '../../planning/templates/planning-templates.service';

export class CreateProjectDto {
  @ApiProperty({ maxLength: 200 })
  @IsName(200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  company?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ format: 'date', example: '2027-03-15' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'targetGoLive must be a date YYYY-MM-DD' })
  targetGoLive!: string;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @OptionalNotNull()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ enum: PROJECT_WEATHERS })
  @OptionalNotNull()
  @IsIn(PROJECT_WEATHERS)
  weather?: ProjectWeather;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  weatherComment?: string;

  /** Start the plan from a template, retroplanned from targetGoLive. */
  @ApiPropertyOptional({ enum: PLAN_TEMPLATE_NAMES })
  @IsOptional()
  @IsIn(PLAN_TEMPLATE_NAMES)
  template?: PlanTemplateName;
}
