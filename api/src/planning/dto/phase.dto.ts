import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { IfPresent } from './plan-validators';

export class CreatePhaseDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdatePhaseDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}
