import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IsName, OptionalNotNull } from '../../common/validation';
import { PROJECT_ROLES, type ProjectRole } from '@jalon/domain';

export const MIN_PASSWORD_LENGTH = 10;

export class LoginDto {
  @ApiProperty({ example: 'pm@demo.jalon.fr' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'jalon-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  newPassword!: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsName(200)
  displayName!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  isAdmin?: boolean;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsName(200)
  displayName?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  isAdmin?: boolean;

  @ApiPropertyOptional({ description: 'false deactivates the user and ends their sessions' })
  @OptionalNotNull()
  @IsBoolean()
  isActive?: boolean;
}

export class SetMemberRoleDto {
  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES)
  role!: ProjectRole;

  @ApiPropertyOptional({ description: "The membership's version read, when changing a member's role; a stale one gets 409." })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  version?: number;
}

export class MemberVersionQueryDto {
  @ApiPropertyOptional({ description: "The membership's version read; a stale one gets 409." })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, description: 'The new password; every session of the user ends.' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  newPassword!: string;
}
