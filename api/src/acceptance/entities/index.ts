import { AcceptanceRequirementEntity, AcceptanceRequirementRevisionEntity } from './acceptance-requirement.entity';
import { AcceptanceCaseRequirementEntity, AcceptanceTestCaseEntity, AcceptanceTestCaseRevisionEntity } from './acceptance-test-case.entity';
import { CAMPAIGN_ENTITIES } from './campaigns.entities';

export * from './acceptance-requirement.entity';
export * from './acceptance-test-case.entity';
export * from './campaigns.entities';

/** The entities of the acceptance, listed in database/entities.ts. */
export const ACCEPTANCE_ENTITIES = [
  AcceptanceRequirementEntity,
  AcceptanceRequirementRevisionEntity,
  AcceptanceTestCaseEntity,
  AcceptanceTestCaseRevisionEntity,
  AcceptanceCaseRequirementEntity,
  ...CAMPAIGN_ENTITIES,
];
