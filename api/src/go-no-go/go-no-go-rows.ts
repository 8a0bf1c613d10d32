import type { RowKind } from '../common/edit-row';
import { GoNoGoCampaignCriteriaEntity, GoNoGoReadinessItemEntity, GoNoGoReserveEntity } from './entities/go-no-go.entities';

export const READINESS_KIND: RowKind<GoNoGoReadinessItemEntity> = {
  target: GoNoGoReadinessItemEntity,
  entity: 'gonogo_readiness_item',
  snapshot: (row) => ({
    lotId: row.lotId,
    category: row.category,
    label: row.label,
    ownerUserId: row.ownerUserId,
    dueDate: row.dueDate,
    status: row.status,
    evidenceNote: row.evidenceNote,
    evidenceLink: row.evidenceLink,
  }),
  label: (row) => row.label,
};

export const CRITERIA_KIND: RowKind<GoNoGoCampaignCriteriaEntity> = {
  target: GoNoGoCampaignCriteriaEntity,
  entity: 'gonogo_criteria',
  snapshot: (row) => ({ criteria: row.config, lockedAt: row.lockedAt ? new Date(row.lockedAt).toISOString() : null }),
};

export const RESERVE_KIND: RowKind<GoNoGoReserveEntity> = {
  target: GoNoGoReserveEntity,
  entity: 'gonogo_reserve',
  snapshot: (row) => ({
    defectId: row.defectId,
    ownerUserId: row.ownerUserId,
    dueDate: row.dueDate,
    leveeDate: row.leveeDate,
    retestExecutionId: row.retestExecutionId,
  }),
};
