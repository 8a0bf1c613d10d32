import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sign-in session. Stored in the database (only a hash of the cookie's token) so sessions
 * survive a restart and are shared by every API instance behind a load balancer.
 */
@Entity({ name: 'user_session' })
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
