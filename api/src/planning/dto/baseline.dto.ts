import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateBaselineDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class ComparisonQueryDto {
  /** 'plan' (the default) or the id of another baseline. */
  @IsOptional()
  @Matches(/^(plan|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: "with must be 'plan' or a baseline id",
  })
  @ApiPropertyOptional({ description: "'plan' (default) or the id of another baseline" })
  with?: string;
}
