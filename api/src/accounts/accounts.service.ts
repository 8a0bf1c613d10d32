import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldError, notFound, refuse, staleVersion } from '../common/api-errors';
import { resetCalendarFeedToken } from '../exports/calendar-feed-token';
import type { CreateUserDto, UpdateUserDto } from './dto/account-requests.dto';
import { UserDto } from './dto/user.dto';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';

const normaliseEmail = (email: string): string => email.trim().toLowerCase();

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
  ) {}

  async createUser(input: CreateUserDto, manager?: EntityManager): Promise<UserDto> {
    const passwordHash = await this.hasher.hash(input.password);
    const create = async (m: EntityManager): Promise<UserDto> => {
      const email = normaliseEmail(input.email);
      const existing = await m
        .getRepository(UserEntity)
        .createQueryBuilder('user')
        .where('lower(user.email) = :email', { email })
        .getExists();
      if (existing) throw fieldError(409, 'email', `A user with e-mail ${email} already exists`, 'email_taken');
      const user = await m.getRepository(UserEntity).save(
        m.getRepository(UserEntity).create({
          email,
          displayName: input.displayName.trim(),
          passwordHash,
          isAdmin: input.isAdmin ?? false,
        }),
      );
      const dto = UserDto.fromEntity(user);
      await this.audit.record(m, {
        projectId: null,
        entity: 'user',
        entityId: user.id,
        action: 'create',
        after: { email: dto.email, displayName: dto.displayName, isAdmin: dto.isAdmin, isActive: dto.isActive },
      });
      return dto;
    };
    return manager ? create(manager) : this.dataSource.transaction(create);
  }

  async list(): Promise<UserDto[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ order: { displayName: 'ASC' } });
    return users.map((user) => UserDto.fromEntity(user));
  }

  /** Up to 20 active users, not members of the project, whose name or e-mail contains `query`. */
  async searchNonMembers(projectId: string, query: string): Promise<Array<{ id: string; email: string; displayName: string }>> {
    const builder = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .select(['user.id', 'user.email', 'user.displayName'])
      .where('user.is_active')
      .andWhere('NOT EXISTS (SELECT 1 FROM project_member m WHERE m.project_id = :projectId AND m.user_id = user.id)', { projectId })
      .orderBy('user.display_name', 'ASC')
      .take(20);
    const needle = query.trim().toLowerCase();
    if (needle) {
      const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere('(lower(user.email) LIKE :pattern OR lower(user.display_name) LIKE :pattern)', { pattern });
    }
    const users = await builder.getMany();
    return users.map(({ id, email, displayName }) => ({ id, email, displayName }));
  }

  async get(userId: string): Promise<UserDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw notFound('user', userId, `User ${userId} not found`);
    return UserDto.fromEntity(user);
  }

  /** The user whose credentials these are, or null: the caller cannot tell which part was wrong. */
  async verifyCredentials(email: string, password: string): Promise<UserDto | null> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = :email', { email: normaliseEmail(email) })
      .getOne();
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    return valid && user && user.isActive ? UserDto.fromEntity(user) : null;
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string, keepSessionId: string | null): Promise<boolean> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :userId', { userId })
      .getOne();
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) return false;
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: userId }, { passwordHash, version: () => 'version + 1' });
      // A changed password signs out every other browser.
      const others = manager.createQueryBuilder().delete().from(SessionEntity).where('user_id = :userId', { userId });
      if (keepSessionId) others.andWhere('id <> :keepSessionId', { keepSessionId });
      await others.execute();
      // A leaked password may have leaked the calendar feed URL with it.
      await resetCalendarFeedToken(manager, userId);
      await this.audit.record(manager, {
        projectId: null,
        entity: 'user',
        entityId: userId,
        action: 'update',
        before: { password: '(previous)' },
        after: { password: '(changed)' },
      });
    });
    return true;
  }

  async update(userId: string, input: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(UserEntity);
      // The administrators are locked before the user's row, always in the same order: two
      // administrators demoting each other queue instead of deadlocking.
      const activeAdmins = input.isAdmin === false || input.isActive === false ? await this.lockActiveAdmins(manager) : [];
      const user = await users.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('user', userId, `User ${userId} not found`);
      if (user.version !== input.version) throw staleVersion('user', userId, user.version);
      const before = UserDto.fromEntity(user);
      const losesAdministration =
        user.isAdmin && user.isActive && (input.isAdmin === false || input.isActive === false);
      if (losesAdministration && !activeAdmins.some((admin) => admin.id !== userId)) {
        throw refuse(409, 'last_administrator', 'Jalon keeps at least one active administrator: name another one first');
      }
      if (input.displayName !== undefined) user.displayName = input.displayName.trim();
      if (input.isAdmin !== undefined) user.isAdmin = input.isAdmin;
      if (input.isActive !== undefined) user.isActive = input.isActive;
      const saved = await users.save(user);
      if (input.isActive === false) await manager.delete(SessionEntity, { userId });
      const after = UserDto.fromEntity(saved);
      await this.audit.record(manager, { projectId: null, entity: 'user', entityId: userId, action: 'update', before: { ...before }, after: { ...after } });
      return after;
    });
  }

  /**
   * The instance keeps an active administrator: every active administrator row is locked before
   * counting, so two administrators demoting each other at the same time cannot both succeed.
   */
  private async lockActiveAdmins(manager: EntityManager): Promise<Array<{ id: string }>> {
    return manager.query('SELECT id FROM app_user WHERE is_admin AND is_active ORDER BY id FOR UPDATE');
  }

  /** An administrator sets a user's password (forgotten password): every session of the user ends. */
  async resetPassword(userId: string, newPassword: string): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(UserEntity, { id: userId }, { passwordHash, version: () => 'version + 1' });
      if (!result.affected) throw notFound('user', userId, `User ${userId} not found`);
      await manager.delete(SessionEntity, { userId });
      await resetCalendarFeedToken(manager, userId);
      await this.audit.record(manager, {
        projectId: null,
        entity: 'user',
        entityId: userId,
        action: 'update',
        before: { password: '(previous)' },
        after: { password: '(reset by an administrator)' },
      });
    });
  }

  async icalToken(userId: string): Promise<string> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.icalToken')
      .where('user.id = :userId', { userId })
      .getOneOrFail();
    return user.icalToken;
  }

  /** The active user owning this calendar-feed token, or null. */
  async findByIcalToken(token: string): Promise<UserDto | null> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('user.ical_token = :token AND user.is_active', { token })
      .getOne();
    return user ? UserDto.fromEntity(user) : null;
  }

  async countAdmins(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).countBy({ isAdmin: true, isActive: true });
  }
}
