import { ApiProperty } from '@nestjs/swagger';
import type { UserEntity } from '../entities/user.entity';

/** A user as the API shows it: never a password hash nor the calendar token. */
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() isAdmin!: boolean;
  @ApiProperty() isActive!: boolean;
  @ApiProperty() version!: number;

  /** From the entity, or from a row of a raw query holding the same fields (the session check's). */
  static fromEntity(user: Pick<UserEntity, 'id' | 'email' | 'displayName' | 'isAdmin' | 'isActive' | 'version'>): UserDto {
    return Object.assign(new UserDto(), {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      isAdmin: user.isAdmin,
      isActive: user.isActive,
      version: user.version,
    });
  }
}
