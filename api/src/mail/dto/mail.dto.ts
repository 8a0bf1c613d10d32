import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAIL_LANGUAGES, MAIL_STATUSES, type MailLanguage, type MailPreferencesInput, type MailStatus } from '@jalon/domain';
import { INT4_MAX } from '../../common/validation';

export class MailPreferencesDtoIn implements MailPreferencesInput {
  @IsOptional()
  @IsIn(MAIL_LANGUAGES)
  language?: MailLanguage;

  @IsOptional()
  @IsBoolean()
  agenda?: boolean;

  @IsOptional()
  @IsBoolean()
  minutes?: boolean;

  @IsOptional()
  @IsBoolean()
  digest?: boolean;

  @IsOptional()
  @IsBoolean()
  agenda_reminder?: boolean;

  @IsInt()
  @Min(0)
  @Max(INT4_MAX)
  version!: number;
}

export class MailListQueryDto {
  @ApiPropertyOptional({ enum: MAIL_STATUSES })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
