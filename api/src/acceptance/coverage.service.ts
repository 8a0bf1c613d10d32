import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CoverageDto,
  ExecutionResult,
  RequirementCoverageDto,
  RequirementPriority,
  RequirementStatus,
  TraceabilityDto,
} from '@jalon/domain';
import { coverageCounts, coverageOf } from '@jalon/acceptance';
import { notFound } from '../common/api-errors';

interface RequirementRow {
  id: string;
  reference: string;
  title: string;
  priority: RequirementPriority;
  status: RequirementStatus;
  revision: number;
}

interface CaseRow {
  id: string;
  reference: string;
  title: string;
  result: ExecutionResult | null;
  revision: number | null;
}

/** The data both the coverage and the matrix are made of, read with four set-based queries. */
interface CoverageData {
  campaignId: string | null;
  requirements: RequirementRow[];
  cases: CaseRow[];
  links: Array<{ requirementId: string; testCaseId: string }>;
}

/**
 * Coverage of the requirements by the recette, and the traceability matrix (requirements × cases
 * with their latest results). With a campaign: the cases in its scope and their latest result in
 * it. Without: every case that is not obsolete, with its latest result in any campaign.
 */
@Injectable()
export class CoverageService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async data(projectId: string, campaignId: string | null): Promise<CoverageData> {
    if (campaignId) {
      const campaigns = (await this.dataSource.query(`SELECT 1 FROM acceptance_campaign WHERE project_id = $1 AND id = $2`, [projectId, campaignId])) as unknown[];
      if (campaigns.length === 0) throw notFound('acceptance_campaign', campaignId);
    }
    const [requirements, cases, links] = await Promise.all([
      this.dataSource.query(
        `SELECT id, reference, title, priority, status, revision FROM acceptance_requirement
          WHERE project_id = $1 AND status <> 'obsolete' ORDER BY upper(reference), id`,
        [projectId],
      ) as Promise<RequirementRow[]>,
      (campaignId
        ? this.dataSource.query(
            `SELECT tc.id, tc.reference, tc.title, cc.latest_result AS result, e.test_case_revision AS revision
               FROM acceptance_campaign_case cc
               JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
               LEFT JOIN acceptance_execution e ON e.id = cc.latest_execution_id
              WHERE cc.campaign_id = $1
              ORDER BY upper(tc.reference), tc.id`,
            [campaignId],
          )
        : this.dataSource.query(
            `SELECT tc.id, tc.reference, tc.title, latest.result, latest.revision
               FROM acceptance_test_case tc
               LEFT JOIN LATERAL (
                 SELECT e.result, e.test_case_revision AS revision
                   FROM acceptance_campaign_case cc JOIN acceptance_execution e ON e.id = cc.latest_execution_id
                  WHERE cc.test_case_id = tc.id
                  ORDER BY e.started_at DESC, e.created_at DESC LIMIT 1) latest ON true
              WHERE tc.project_id = $1 AND tc.status <> 'obsolete'
              ORDER BY upper(tc.reference), tc.id`,
            [projectId],
          )) as Promise<CaseRow[]>,
      this.dataSource.query(
        `SELECT requirement_id AS "requirementId", test_case_id AS "testCaseId" FROM acceptance_case_requirement WHERE project_id = $1`,
        [projectId],
      ) as Promise<Array<{ requirementId: string; testCaseId: string }>>,
    ]);
    return { campaignId, requirements, cases, links };
  }

  /** Each requirement with the cases (of the scope) that check it, in the order of `cases`. */
  private matrix(data: CoverageData): Array<{ requirement: RequirementRow; caseIndexes: number[] }> {
    const caseIndex = new Map(data.cases.map((row, index) => [row.id, index]));
    const byRequirement = new Map<string, number[]>();
    for (const link of data.links) {
      const index = caseIndex.get(link.testCaseId);
      if (index === undefined) continue;
      const list = byRequirement.get(link.requirementId);
      if (list) list.push(index);
      else byRequirement.set(link.requirementId, [index]);
    }
    return data.requirements.map((requirement) => ({
      requirement,
      caseIndexes: (byRequirement.get(requirement.id) ?? []).sort((a, b) => a - b),
    }));
  }

  async coverage(projectId: string, campaignId: string | null): Promise<CoverageDto> {
    const data = await this.data(projectId, campaignId);
    const requirements = this.matrix(data).map(({ requirement, caseIndexes }): RequirementCoverageDto => {
      const cases = caseIndexes.map((index) => data.cases[index]!);
      return {
        requirementId: requirement.id,
        reference: requirement.reference,
        title: requirement.title,
        priority: requirement.priority,
        status: requirement.status,
        revision: requirement.revision,
        state: coverageOf(cases.map((row) => row.result)),
        cases: cases.map((row) => ({ testCaseId: row.id, reference: row.reference, result: row.result, testCaseRevision: row.revision })),
      };
    });
    return {
      campaignId,
      requirements,
      counts: coverageCounts(requirements.map((requirement) => requirement.state)),
      indispensableNotProven: requirements.filter((requirement) => requirement.priority === 'indispensable' && requirement.state !== 'ok').length,
    };
  }

  async traceability(projectId: string, campaignId: string | null): Promise<TraceabilityDto> {
    const data = await this.data(projectId, campaignId);
    return {
      campaignId,
      cases: data.cases.map((row) => ({ id: row.id, reference: row.reference, title: row.title })),
      requirements: this.matrix(data).map(({ requirement, caseIndexes }) => ({
        id: requirement.id,
        reference: requirement.reference,
        title: requirement.title,
        priority: requirement.priority,
        revision: requirement.revision,
        state: coverageOf(caseIndexes.map((index) => data.cases[index]!.result)),
        cells: caseIndexes.map((index) => ({ case: index, result: data.cases[index]!.result })),
      })),
    };
  }
}
