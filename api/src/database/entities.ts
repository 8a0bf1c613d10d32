import { ProjectMemberEntity } from '../accounts/entities/project-member.entity';
import { SessionEntity } from '../accounts/entities/session.entity';
import { UserEntity } from '../accounts/entities/user.entity';
import { AuditEventEntity } from '../audit/entities/audit-event.entity';
import { PlanBaselineEntity, PlanBaselineTaskEntity } from '../planning/entities/plan-baseline.entity';
import { PlanLinkEntity } from '../planning/entities/plan-link.entity';
import { PlanLotEntity } from '../planning/entities/plan-lot.entity';
import { PlanPhaseEntity } from '../planning/entities/plan-phase.entity';
import { PlanSettingsEntity } from '../planning/entities/plan-settings.entity';
import { PlanTaskEntity } from '../planning/entities/plan-task.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import { MEETING_ENTITIES } from '../meetings/entities/meeting.entities';
import { ACCEPTANCE_ENTITIES } from '../acceptance/entities';
import { GO_NO_GO_ENTITIES } from '../go-no-go/entities/go-no-go.entities';

/** Listed as classes, not globs, so the bundled API finds them. */
export const ENTITIES = [
  ProjectEntity,
  UserEntity,
  SessionEntity,
  ProjectMemberEntity,
  AuditEventEntity,
  PlanSettingsEntity,
  PlanLotEntity,
  PlanPhaseEntity,
  PlanTaskEntity,
  PlanLinkEntity,
  PlanBaselineEntity,
  PlanBaselineTaskEntity,
  ...MEETING_ENTITIES,
  ...ACCEPTANCE_ENTITIES,
  ...GO_NO_GO_ENTITIES,
];
