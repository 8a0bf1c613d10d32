import { InitialSchema1795000000000 } from './1795000000000-initial-schema';
import { AccountsAndAudit1795100000000 } from './1795100000000-accounts-and-audit';
import { RetroPlanning1795200000000 } from './1795200000000-retroplanning';
import { AuditLabels1795400000001 } from './1795400000001-audit-labels';
import { JobsAndFeedSequences1795500000001 } from './1795500000001-jobs-and-feed-sequences';
import { Risks1795700000001 } from './1795700000001-risks';
import { Meetings1796100000001 } from './1796100000001-meetings';
import { GoNoGo1796200000001 } from './1796200000001-go-no-go';
import { MailOutbox1796300000001 } from './1796300000001-mail-outbox';
import { GoNoGoAddendaEvidence1796400000001 } from './1796400000001-go-no-go-addenda-evidence';
import { AcceptanceRequirementsAndCases1796000000001 } from './1796000000001-acceptance-requirements-and-cases';
import { AcceptanceCampaignsAndDefects1796000000002 } from './1796000000002-acceptance-campaigns-and-defects';

/** In order of application. Listed as classes, not globs, so the bundled API finds them. */
export const MIGRATIONS = [InitialSchema1795000000000, AccountsAndAudit1795100000000, RetroPlanning1795200000000, AuditLabels1795400000001, JobsAndFeedSequences1795500000001, Risks1795700000001, AcceptanceRequirementsAndCases1796000000001, AcceptanceCampaignsAndDefects1796000000002, Meetings1796100000001, GoNoGo1796200000001, MailOutbox1796300000001, GoNoGoAddendaEvidence1796400000001];
