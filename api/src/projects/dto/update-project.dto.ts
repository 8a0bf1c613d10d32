import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreateProjectDto } from './create-project.dto';

export class UpdateProjectDto extends PartialType(OmitType(CreateProjectDto, ['targetGoLive', 'template'] as const), {
  // An omitted field stays as it is; null is not a value of any of them (400, not a 500).
  skipNullProperties: false,
}) {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version.' })
  @IsInt()
  @Min(1)
  version!: number;
}
