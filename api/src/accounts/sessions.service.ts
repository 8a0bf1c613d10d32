import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { UserDto } from './dto/user.dto';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';

export const SESSION_COOKIE = 'jalon_session';
// Writing last_seen_at on every request would turn each read into a write; once a while is enough.
const TOUCH_INTERVAL_MS = 5 * 60_000;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface ResolvedSession {
  sessionId: string;
  user: UserDto;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {}

  /** A session ends after this long without activity… */
  private get lifetimeMs(): number {
    return this.environment.JALON_SESSION_HOURS * 3_600_000;
  }

  /** …and this long after sign-in in any case (absolute lifetime). */
  private get maxLifetimeMs(): number {
    return this.environment.JALON_SESSION_MAX_HOURS * 3_600_000;
  }

  /** The next expiry: idle lifetime from now, never past the absolute lifetime from `createdAt`. */
  private expiryFrom(createdAt: Date): Date {
    return new Date(Math.min(Date.now() + this.lifetimeMs, createdAt.getTime() + this.maxLifetimeMs));
  }

  /** Opens a session and returns the secret for the cookie; only its hash is stored. */
  async open(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = new Date();
    const expiresAt = this.expiryFrom(createdAt);
    await this.dataSource.getRepository(SessionEntity).insert({ tokenHash: hashToken(token), userId, createdAt, expiresAt });
    return { token, expiresAt };
  }

  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const row = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('session')
      .innerJoinAndMapOne('session.user', UserEntity, 'user', 'user.id = session.user_id')
      .where('session.token_hash = :hash', { hash: hashToken(token) })
      .andWhere('session.expires_at > now()')
      .andWhere('session.created_at > :oldest', { oldest: new Date(Date.now() - this.maxLifetimeMs) })
      .andWhere('user.is_active')
      .getOne();
    if (!row) return null;
    const user = (row as SessionEntity & { user: UserEntity }).user;
    if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource
        .getRepository(SessionEntity)
        .update({ id: row.id }, { lastSeenAt: new Date(), expiresAt: this.expiryFrom(row.createdAt) });
    }
    return { sessionId: row.id, user: UserDto.fromEntity(user) };
  }

  async close(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.dataSource.getRepository(SessionEntity).delete({ tokenHash: hashToken(token) });
  }

  async purgeExpired(): Promise<number> {
    const result = await this.dataSource.getRepository(SessionEntity).delete({ expiresAt: LessThan(new Date()) });
    return result.affected ?? 0;
  }
}
