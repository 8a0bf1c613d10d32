import type { AuditEventDto } from './access';

/**
 * Every kind of row the audit trail records, listed once: the API types its audit entries with
 * it and the change log's filter offers exactly these (the web translates each name).
 */
export const AUDITED_ENTITIES = [
  'project',
  'member',
  'user',
  'plan_settings',
  'lot',
  'phase',
  'task',
  'link',
  'baseline',
  'risk',
  'risk_acceptance',
  'risk_review',
  'risk_settings',
  'risk_treatment',
  'meeting_series',
  'meeting',
  'meeting_participant',
  'agenda_item',
  'decision',
  'action',
  'meeting_addendum',
  'weather',
  'kpi',
  'kpi_value',
  'meeting_settings',
  'meeting_pack',
  'acceptance_requirement',
  'acceptance_test_case',
  'acceptance_campaign',
  'acceptance_campaign_case',
  'acceptance_iteration',
  'acceptance_execution',
  'acceptance_attachment',
  'acceptance_defect',
  'gonogo_readiness_item',
  'gonogo_criteria',
  'gonogo_decision',
  'gonogo_signature',
  'gonogo_reserve',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export function isAuditedEntity(value: unknown): value is AuditedEntity {
  return typeof value === 'string' && (AUDITED_ENTITIES as readonly string[]).includes(value);
}

/**
 * One event of the change log as `GET /api/projects/:projectId/audit` sends it: the object's name
 * and the actor's name, so the page never shows ids. Dates in `changes` stay 'YYYY-MM-DD' strings.
 */
export interface AuditLogEventDto extends AuditEventDto {
  entity: AuditedEntity;
  /**
   * The object's name when the change was made: a task, phase, lot or baseline name, « A → B »
   * for a link, the user's name for a member. Null for events recorded before names were kept.
   */
  label: string | null;
  /** The actor's display name (null for the system: seeds, nightly jobs). */
  actorName: string | null;
}

export interface AuditLogPage {
  events: AuditLogEventDto[];
  /** Pass as `before` to get the next, older page; null on the last page. */
  nextCursor: string | null;
}
