import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_ROLES, type ProjectRole, type SessionInfo } from '@jalon/domain';

class SessionUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() isAdmin!: boolean;
}

class MembershipDto {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ enum: PROJECT_ROLES }) role!: ProjectRole;
}

export class SessionDto implements SessionInfo {
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
  @ApiProperty({ type: [MembershipDto] }) memberships!: MembershipDto[];
}

class DemoAccountDto {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: [...PROJECT_ROLES, 'admin'] }) role!: ProjectRole | 'admin';
  @ApiProperty() password!: string;
}

export class AuthConfigDto {
  @ApiProperty({ description: 'Demo mode: the sign-in page lists the demo accounts' }) demo!: boolean;
  @ApiProperty({ type: [DemoAccountDto] }) demoAccounts!: DemoAccountDto[];
}
