import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The file, inside the embedded database's folder, that says which process has it open. */
export const LOCK_FILE = 'jalon.lock';

export class DataDirLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Folders this process holds, so that reopening one in the same process (tests, restarts) is allowed. */
const held = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, host: String(owner.host ?? ''), since: String(owner.since ?? '') } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the embedded database's folder for this process's life: PGlite is one Postgres session
 * on files, and two processes writing them lose each other's writes. A second process (another
 * `npm start`, the `create-admin` or `migrate` command while Jalon runs) gets a clear error
 * instead. A lock left by a process that died (its pid no longer runs) is taken over.
 */
export function lockDataDir(dataDir: string): void {
  if (held.has(dataDir)) return;
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      const here = hostname();
      if (owner && owner.pid === process.pid && owner.host === here) {
        held.add(dataDir);
        return;
      }
      if (owner && owner.host !== here) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is locked by a Jalon process on host ${owner.host} (pid ${owner.pid}, since ${owner.since}). ` +
            `Stop it first; if it no longer runs, delete ${path}.`,
        );
      }
      if (owner && isAlive(owner.pid)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by another Jalon process (pid ${owner.pid}, since ${owner.since}). ` +
            'Stop it first (or run this command through it), or use another JALON_DATA_DIR.',
        );
      }
      // Stale: its process is gone (or the file is unreadable, half-written by a crash).
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
      continue;
    }
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    held.add(dataDir);
    process.once('exit', () => unlockDataDir(dataDir));
    return;
  }
  throw new DataDirLockedError(`Could not lock the embedded database in ${dataDir}: another process keeps taking it`);
}

/** Gives the folder back (at exit; a process killed outright leaves a stale lock, taken over later). */
export function unlockDataDir(dataDir: string): void {
  if (!held.delete(dataDir)) return;
  const path = join(dataDir, LOCK_FILE);
  const owner = readOwner(path);
  if (owner?.pid === process.pid) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
