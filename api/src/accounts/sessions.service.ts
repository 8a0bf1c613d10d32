import type { ProjectRole } from '@jalon/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { UserDto } from './dto/user.dto';
import { SessionEntity } from './entities/session.entity';
import { queryPrepared, type PreparedStatement } from '../database/prepared-statement';

export const SESSION_COOKIE = 'jalon_session';
// Writing last_seen_at on every request would turn each read into a write; once a while is enough.
const TOUCH_INTERVAL_MS = 5 * 60_000;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface ResolvedSession {
  sessionId: string;
  user: UserDto;
  /** The caller's role on the project asked for (null when not a member) and whether that project exists. */
  project: { role: ProjectRole | null; exists: boolean } | null;
}

interface SessionRow {
  sessionId: string;
  createdAt: Date | string;
  lastSeenAt: Date | string;
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  isActive: boolean;
  version: number;
  projectRole: ProjectRole | null;
  projectExists: boolean;
}

/**
 * The session of a token, its user, and (when the route names a project) the user's role on it and
 * whether it exists, in one round trip: every authenticated request runs it.
 */
const RESOLVE_SESSION: PreparedStatement = {
  name: 'jalon_resolve_session',
  text: `SELECT s.id AS "sessionId", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
                u.id, u.email, u.display_name AS "displayName", u.is_admin AS "isAdmin", u.is_active AS "isActive", u.version,
                m.role AS "projectRole",
                EXISTS (SELECT 1 FROM project p WHERE p.id = $3::uuid) AS "projectExists"
           FROM user_session s
           JOIN app_user u ON u.id = s.user_id
           LEFT JOIN project_member m ON m.project_id = $3::uuid AND m.user_id = u.id
          WHERE s.token_hash = $1 AND s.expires_at > now() AND s.created_at > $2 AND u.is_active`,
};

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

  /**
   * The signed-in user of a session token, or null. With `projectId`, the same query also reads the
   * user's role on that project and whether it exists: the access guard needs both on every project
   * route, and one round trip instead of three was a third of a cached read's cost at 20 clients.
   */
  async resolve(token: string | undefined, projectId: string | null = null): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const rows = await queryPrepared<SessionRow>(this.dataSource, RESOLVE_SESSION, [
      hashToken(token),
      new Date(Date.now() - this.maxLifetimeMs),
      projectId,
    ]);
    const row = rows[0];
    if (!row) return null;
    const createdAt = new Date(row.createdAt);
    if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource
        .getRepository(SessionEntity)
        .update({ id: row.sessionId }, { lastSeenAt: new Date(), expiresAt: this.expiryFrom(createdAt) });
    }
    const project = projectId === null ? null : { role: row.projectRole, exists: row.projectExists };
    return { sessionId: row.sessionId, user: UserDto.fromEntity(row), project };
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
