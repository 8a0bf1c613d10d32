import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The columns of every table users edit: a uuid, when the row was created and last changed, and
 * the version the client sends back with its next edit (optimistic concurrency). Entities extend
 * it; `editRow` (see `edit-row.ts`) bumps the version, so a stale write gets 409 by construction.
 *
 * `version` is a plain column, not TypeORM's `@VersionColumn`: computed data (a plan's dates) is
 * rewritten without touching it, so recomputing one plan never makes the other rows stale.
 */
export abstract class EditableEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** What `editRow` needs of a row: its version (ids may be a project id, as for plan settings). */
export interface Versioned {
  version: number;
}
