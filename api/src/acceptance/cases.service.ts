import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  GenerateTestCasesResultDto,
  TestCaseContent,
  TestCaseDeletionDto,
  TestCaseDto,
  TestCaseListQuery,
  TestCaseRequirementRef,
  TestCaseRevisionDto,
  TestStepInput,
} from '@jalon/domain';
import { TEST_CASE_REFERENCE_PREFIX, checkTestSteps, draftTestCase, nextReference, testCaseEditMakesRevision } from '@jalon/acceptance';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldErrors, notFound, refuse } from '../common/api-errors';
import { createRow, deleteRow, editLoadedRow } from '../common/edit-row';
import {
  TEST_CASE_KIND,
  actorOf,
  duplicateReference,
  likePattern,
  lockProject,
  referenceTaken,
  referencesOf,
  testCaseDto,
  testCaseRevisionDto,
  type TestCaseRow,
} from './acceptance-rows';
import type { CreateTestCaseDto, UpdateTestCaseDto } from './dto/test-case.dto';
import { AcceptanceCaseRequirementEntity, AcceptanceTestCaseEntity, AcceptanceTestCaseRevisionEntity } from './entities';

/**
 * The test cases of a project: ordered steps, linked requirements, revisions. Same write rules as
 * the requirements: one transaction locking the project, version checked, audited; a content
 * change of a ready case keeps the replaced content as a revision row.
 */
/** What a revision of a test case keeps: its number and the fields an edit may revise. */
const revisedFields = (row: Pick<AcceptanceTestCaseEntity, 'revision' | 'title' | 'preconditions' | 'steps' | 'criticality'>) => ({
  revision: row.revision,
  title: row.title,
  preconditions: row.preconditions,
  steps: row.steps,
  criticality: row.criticality,
});

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
  ) {}

  // ---------------------------------------------------------------------------------- reads

  async list(projectId: string, query: TestCaseListQuery = {}, manager: EntityManager = this.dataSource.manager): Promise<TestCaseDto[]> {
    const builder = manager
      .createQueryBuilder(AcceptanceTestCaseEntity, 'c')
      .where('c.project_id = :projectId', { projectId })
      .orderBy('c.reference')
      .addOrderBy('c.id');
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.criticality) builder.andWhere('c.criticality = :criticality', { criticality: query.criticality });
    if (query.requirementId) {
      builder.andWhere('EXISTS (SELECT 1 FROM acceptance_case_requirement cr WHERE cr.test_case_id = c.id AND cr.requirement_id = :requirementId)', {
        requirementId: query.requirementId,
      });
    }
    if (query.q && query.q.trim() !== '') {
      builder.andWhere('(c.reference ILIKE :q OR c.title ILIKE :q OR c.preconditions ILIKE :q)', { q: likePattern(query.q) });
    }
    const rows = await builder.getMany();
    const links = await this.requirementsOf(manager, projectId, rows.length < 200 ? rows.map((row) => row.id) : null);
    return rows.map((row) => testCaseDto(row, links.get(row.id) ?? []));
  }

  async get(projectId: string, caseId: string, manager: EntityManager = this.dataSource.manager): Promise<TestCaseDto> {
    const row = await manager.findOneBy(AcceptanceTestCaseEntity, { projectId, id: caseId });
    if (!row) throw notFound('acceptance_test_case', caseId);
    const links = await this.requirementsOf(manager, projectId, [caseId]);
    return testCaseDto(row, links.get(caseId) ?? []);
  }

  /** The requirements linked to some cases (or every case of the project with null). */
  private async requirementsOf(manager: EntityManager, projectId: string, caseIds: string[] | null): Promise<Map<string, TestCaseRequirementRef[]>> {
    const rows = (await manager.query(
      `SELECT cr.test_case_id AS "caseId", r.id, r.reference, r.title, r.priority, r.status, r.revision
       FROM acceptance_case_requirement cr JOIN acceptance_requirement r ON r.id = cr.requirement_id
       WHERE cr.project_id = $1 ${caseIds ? 'AND cr.test_case_id = ANY($2::uuid[])' : ''} ORDER BY r.reference`,
      caseIds ? [projectId, caseIds] : [projectId],
    )) as Array<TestCaseRequirementRef & { caseId: string }>;
    const byCase = new Map<string, TestCaseRequirementRef[]>();
    for (const { caseId, ...requirement } of rows) {
      const list = byCase.get(caseId) ?? [];
      list.push(requirement);
      byCase.set(caseId, list);
    }
    return byCase;
  }

  async revisions(projectId: string, caseId: string): Promise<TestCaseRevisionDto[]> {
    const current = await this.get(projectId, caseId);
    const rows = await this.dataSource.manager.find(AcceptanceTestCaseRevisionEntity, { where: { testCaseId: caseId }, order: { revision: 'DESC' } });
    return [
      {
        ...revisedFields(current),
        current: true,
        replacedAt: null,
        replacedByName: null,
      },
      ...rows.map(testCaseRevisionDto),
    ];
  }

  // ---------------------------------------------------------------------------------- writes

  async create(projectId: string, input: CreateTestCaseDto): Promise<TestCaseDto> {
    const steps = this.steps(input.steps);
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const requirementIds = await this.checkRequirements(manager, projectId, input.requirementIds ?? []);
      let reference = input.reference;
      if (reference === undefined) reference = nextReference(TEST_CASE_REFERENCE_PREFIX, await referencesOf(manager, 'acceptance_test_case', projectId));
      else if (await referenceTaken(manager, 'acceptance_test_case', projectId, reference)) throw duplicateReference(reference, 'test case');
      const id = await this.insert(manager, projectId, reference, {
        title: input.title,
        preconditions: input.preconditions ?? '',
        steps,
        criticality: input.criticality ?? 'moyenne',
        status: input.status ?? 'brouillon',
        requirementIds,
      });
      return this.get(projectId, id, manager);
    });
  }

  private async insert(
    manager: EntityManager,
    projectId: string,
    reference: string,
    content: TestCaseContent & { status: TestCaseRow['status']; requirementIds: string[] },
  ): Promise<string> {
    const row: TestCaseRow = manager.create(AcceptanceTestCaseEntity, {
      projectId,
      reference,
      title: content.title,
      preconditions: content.preconditions,
      steps: content.steps,
      criticality: content.criticality,
      status: content.status,
      revision: 1,
    });
    row.requirementIds = content.requirementIds;
    const saved = await createRow(manager, this.auditTrail, TEST_CASE_KIND, projectId, row);
    await this.addLinks(manager, projectId, saved.id, content.requirementIds);
    return saved.id;
  }

  async update(projectId: string, caseId: string, input: UpdateTestCaseDto): Promise<TestCaseDto> {
    const steps = input.steps === undefined ? undefined : this.steps(input.steps);
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const row = await this.load(manager, projectId, caseId);
      await editLoadedRow(manager, this.auditTrail, TEST_CASE_KIND, { projectId, id: caseId }, row, input.version, async (current) => {
        if (input.reference !== undefined && input.reference !== current.reference) {
          if (await referenceTaken(manager, 'acceptance_test_case', projectId, input.reference, caseId)) throw duplicateReference(input.reference, 'test case');
          current.reference = input.reference;
        }
        if (input.requirementIds !== undefined) {
          const requirementIds = await this.checkRequirements(manager, projectId, input.requirementIds);
          await manager.delete(AcceptanceCaseRequirementEntity, { testCaseId: caseId });
          await this.addLinks(manager, projectId, caseId, requirementIds);
          current.requirementIds = requirementIds;
        }
        await this.revise(manager, current, { title: input.title, preconditions: input.preconditions, steps, criticality: input.criticality });
        if (input.status !== undefined) current.status = input.status;
      });
      return this.get(projectId, caseId, manager);
    });
  }

  /** Applies a content change, first keeping the replaced content as a revision when the rule says so. */
  private async revise(manager: EntityManager, current: TestCaseRow, next: Partial<TestCaseContent>): Promise<void> {
    if (testCaseEditMakesRevision(current, next)) {
      const actor = await actorOf(manager);
      await manager.insert(AcceptanceTestCaseRevisionEntity, {
        testCaseId: current.id,
        ...revisedFields(current),
        createdBy: actor.id,
        createdByName: actor.name,
      });
      current.revision += 1;
    }
    if (next.title !== undefined) current.title = next.title;
    if (next.preconditions !== undefined) current.preconditions = next.preconditions;
    if (next.steps !== undefined) current.steps = next.steps;
    if (next.criticality !== undefined) current.criticality = next.criticality;
  }

  /** Links requirements to a case (those already linked are kept once). */
  async link(projectId: string, caseId: string, version: number, requirementIds: string[]): Promise<TestCaseDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const row = await this.load(manager, projectId, caseId);
      const added = await this.checkRequirements(manager, projectId, requirementIds);
      await editLoadedRow(manager, this.auditTrail, TEST_CASE_KIND, { projectId, id: caseId }, row, version, async (current) => {
        const missing = added.filter((id) => !current.requirementIds!.includes(id));
        await this.addLinks(manager, projectId, caseId, missing);
        current.requirementIds = [...current.requirementIds!, ...missing];
      });
      return this.get(projectId, caseId, manager);
    });
  }

  async unlink(projectId: string, caseId: string, requirementId: string, version: number): Promise<TestCaseDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const row = await this.load(manager, projectId, caseId);
      if (!row.requirementIds!.includes(requirementId)) {
        throw refuse(404, 'not_found', `The requirement ${requirementId} is not linked to the test case ${caseId}`, {
          entity: 'acceptance_requirement',
          id: requirementId,
        });
      }
      await editLoadedRow(manager, this.auditTrail, TEST_CASE_KIND, { projectId, id: caseId }, row, version, async (current) => {
        await manager.delete(AcceptanceCaseRequirementEntity, { testCaseId: caseId, requirementId });
        current.requirementIds = current.requirementIds!.filter((id) => id !== requirementId);
      });
      return this.get(projectId, caseId, manager);
    });
  }

  /** Deletes a case no campaign holds; one in a campaign is marked obsolete (its results stay). */
  async remove(projectId: string, caseId: string, version: number): Promise<TestCaseDeletionDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const row = await this.load(manager, projectId, caseId);
      const inCampaign = (await manager.query(`SELECT 1 FROM acceptance_campaign_case WHERE test_case_id = $1 LIMIT 1`, [caseId])) as unknown[];
      if (inCampaign.length > 0) {
        await editLoadedRow(manager, this.auditTrail, TEST_CASE_KIND, { projectId, id: caseId }, row, version, (current) => {
          current.status = 'obsolete';
        });
        return { deleted: false, testCase: await this.get(projectId, caseId, manager) };
      }
      await deleteRow(manager, this.auditTrail, TEST_CASE_KIND, { projectId, id: caseId, where: { projectId, id: caseId } }, version, async () => {
        await manager.delete(AcceptanceCaseRequirementEntity, { testCaseId: caseId });
      });
      return { deleted: true, testCase: null };
    });
  }

  /**
   * One draft case per requirement (in the order given), a step per acceptance criterion of its
   * description, linked to it, numbered CT-nnn. Every id must be a requirement of the project.
   */
  async generate(projectId: string, requirementIds: string[]): Promise<GenerateTestCasesResultDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const ids = await this.checkRequirements(manager, projectId, requirementIds);
      const requirements = (await manager.query(
        `SELECT id, reference, title, description, priority FROM acceptance_requirement WHERE project_id = $1 AND id = ANY($2::uuid[])`,
        [projectId, ids],
      )) as Array<{ id: string; reference: string; title: string; description: string; priority: 'indispensable' | 'souhaitable' | 'facultatif' }>;
      const byId = new Map(requirements.map((requirement) => [requirement.id, requirement]));
      const references = await referencesOf(manager, 'acceptance_test_case', projectId);
      const created: string[] = [];
      for (const id of ids) {
        const requirement = byId.get(id)!;
        const reference = nextReference(TEST_CASE_REFERENCE_PREFIX, references);
        references.push(reference);
        created.push(await this.insert(manager, projectId, reference, { ...draftTestCase(requirement), status: 'brouillon', requirementIds: [id] }));
      }
      const cases = await this.list(projectId, {}, manager);
      const byCase = new Map(cases.map((testCase) => [testCase.id, testCase]));
      return { created: created.map((id) => byCase.get(id)!) };
    });
  }

  // ---------------------------------------------------------------------------------- checks

  /** The case with its linked requirement ids (for the audit snapshot), or 404. */
  private async load(manager: EntityManager, projectId: string, caseId: string): Promise<TestCaseRow> {
    const row: TestCaseRow | null = await manager.findOneBy(AcceptanceTestCaseEntity, { projectId, id: caseId });
    if (!row) throw notFound('acceptance_test_case', caseId);
    const links = await manager.find(AcceptanceCaseRequirementEntity, { where: { testCaseId: caseId } });
    row.requirementIds = links.map((link) => link.requirementId);
    return row;
  }

  /** The steps as stored, or 400 naming each `steps.N.field` at fault (empty, out of order). */
  private steps(input: TestStepInput[]): TestCaseContent['steps'] {
    const { steps, problems } = checkTestSteps(input);
    if (problems.length > 0) throw fieldErrors(problems.map((problem) => ({ field: problem.field, messages: [problem.message] })));
    return steps;
  }

  /** The ids without repeats, each a requirement of this project, or 422 naming `requirementIds.N`. */
  private async checkRequirements(manager: EntityManager, projectId: string, requirementIds: string[]): Promise<string[]> {
    const unique = [...new Set(requirementIds)];
    if (unique.length === 0) return [];
    const rows = (await manager.query(`SELECT id FROM acceptance_requirement WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, unique])) as Array<{
      id: string;
    }>;
    const found = new Set(rows.map((row) => row.id));
    const unknown = requirementIds.map((id, index) => ({ id, index })).filter(({ id }) => !found.has(id));
    if (unknown.length > 0) {
      throw fieldErrors(
        unknown.map(({ id, index }) => ({ field: `requirementIds.${index}`, messages: [`${id} is not a requirement of this project`] })),
        422,
        'invalid_reference',
      );
    }
    return unique;
  }

  private async addLinks(manager: EntityManager, projectId: string, caseId: string, requirementIds: string[]): Promise<void> {
    if (requirementIds.length === 0) return;
    await manager.insert(
      AcceptanceCaseRequirementEntity,
      requirementIds.map((requirementId) => ({ projectId, testCaseId: caseId, requirementId })),
    );
  }
}
