import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Gives the user a new secret calendar-feed token: every feed URL they subscribed to stops
 * working (404) and the next `calendar-feed` call gives the new one. Call it on a password
 * change or a "reset" request, inside the caller's transaction when there is one.
 */
export async function resetCalendarFeedToken(db: EntityManager | DataSource, userId: string): Promise<void> {
  // 32 random bytes in hex: the 64 characters the column holds.
  await db.query(`UPDATE app_user SET ical_token = $2 WHERE id = $1`, [userId, randomBytes(32).toString('hex')]);
}

/** A request path with the feed's secret token hidden, for logs: the URL alone opens the feed. */
export function redactFeedToken(path: string): string {
  return path.replace(/^(\/api\/calendar\/)[^/?#]+/, '$1[redacted]');
}
