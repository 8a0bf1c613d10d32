import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  RequirementContent,
  RequirementDeletionDto,
  RequirementDto,
  RequirementImportPreviewDto,
  RequirementImportResultDto,
  RequirementListQuery,
  RequirementRevisionDto,
} from '@jalon/domain';
import { REQUIREMENT_REFERENCE_PREFIX, nextReference, referenceKey, requirementEditMakesRevision } from '@jalon/acceptance';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldError, fieldErrors, notFound, refuse } from '../common/api-errors';
import { createRow, deleteRow, editLoadedRow } from '../common/edit-row';
import {
  REQUIREMENT_KIND,
  REQUIREMENT_READ_COLUMNS,
  actorOf,
  duplicateReference,
  likePattern,
  lockProject,
  referenceTaken,
  referencesOf,
  requirementDto,
  requirementRevisionDto,
  type RequirementReadRow,
} from './acceptance-rows';
import type { CreateRequirementDto, ImportRequirementsDto, ImportRequirementsPreviewDto, UpdateRequirementDto } from './dto/requirement.dto';
import { readRequirementFile, type ImportedRequirement, type ImportedRequirementRow, type ReadRequirementFile } from './requirements-import';
import { AcceptanceRequirementEntity, AcceptanceRequirementRevisionEntity } from './entities';

/**
 * The requirements of a project's cahier des charges. Every write runs in one transaction that
 * locks the project row (references are numbered one writer at a time), checks the version read,
 * writes, and audits. A content change of a validated requirement keeps the replaced content as a
 * revision row and moves the requirement to the next revision.
 */
/** What a revision of a requirement keeps: its number and the fields an edit may revise. */
const revisedFields = (
  row: Pick<AcceptanceRequirementEntity, 'revision' | 'reference' | 'title' | 'description' | 'category' | 'priority' | 'conformity'>,
) => ({
  revision: row.revision,
  reference: row.reference,
  title: row.title,
  description: row.description,
  category: row.category,
  priority: row.priority,
  conformity: row.conformity,
});

@Injectable()
export class RequirementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
  ) {}

  // ---------------------------------------------------------------------------------- reads

  async list(projectId: string, query: RequirementListQuery = {}, manager: EntityManager = this.dataSource.manager): Promise<RequirementDto[]> {
    const where = ['r.project_id = $1'];
    const parameters: unknown[] = [projectId];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      where.push(sql(`$${parameters.length}`));
    };
    if (query.category) add((p) => `r.category = ${p}`, query.category);
    if (query.priority) add((p) => `r.priority = ${p}`, query.priority);
    if (query.status) add((p) => `r.status = ${p}`, query.status);
    if (query.lotId === 'none') where.push('r.lot_id IS NULL');
    else if (query.lotId) add((p) => `r.lot_id = ${p}::uuid`, query.lotId);
    if (query.q && query.q.trim() !== '') {
      add((p) => `(r.reference ILIKE ${p} OR r.title ILIKE ${p} OR r.description ILIKE ${p})`, likePattern(query.q));
    }
    return this.read(manager, projectId, where.join(' AND '), parameters);
  }

  async get(projectId: string, requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<RequirementDto> {
    const [requirement] = await this.read(manager, projectId, 'r.project_id = $1 AND r.id = $2', [projectId, requirementId]);
    if (!requirement) throw notFound('acceptance_requirement', requirementId);
    return requirement;
  }

  private async read(manager: EntityManager, projectId: string, where: string, parameters: unknown[]): Promise<RequirementDto[]> {
    const rows = (await manager.query(
      `SELECT ${REQUIREMENT_READ_COLUMNS} FROM acceptance_requirement r LEFT JOIN plan_lot l ON l.id = r.lot_id
       WHERE ${where} ORDER BY r.reference, r.id`,
      parameters,
    )) as RequirementReadRow[];
    if (rows.length === 0) return [];
    const links = (await manager.query(
      `SELECT cr.requirement_id AS "requirementId", c.id, c.reference, c.title
       FROM acceptance_case_requirement cr JOIN acceptance_test_case c ON c.id = cr.test_case_id
       WHERE cr.project_id = $1 ${rows.length < 200 ? 'AND cr.requirement_id = ANY($2::uuid[])' : ''} ORDER BY c.reference`,
      rows.length < 200 ? [projectId, rows.map((row) => row.id)] : [projectId],
    )) as Array<{ requirementId: string; id: string; reference: string; title: string }>;
    const byRequirement = new Map<string, RequirementDto['testCases']>();
    for (const link of links) {
      const list = byRequirement.get(link.requirementId) ?? [];
      list.push({ id: link.id, reference: link.reference, title: link.title });
      byRequirement.set(link.requirementId, list);
    }
    return rows.map((row) => requirementDto(row, byRequirement.get(row.id) ?? []));
  }

  /** Every revision of a requirement, newest (the current content) first. */
  async revisions(projectId: string, requirementId: string): Promise<RequirementRevisionDto[]> {
    const current = await this.get(projectId, requirementId);
    const rows = await this.dataSource.manager.find(AcceptanceRequirementRevisionEntity, {
      where: { requirementId },
      order: { revision: 'DESC' },
    });
    return [
      {
        ...revisedFields(current),
        current: true,
        replacedAt: null,
        replacedByName: null,
      },
      ...rows.map(requirementRevisionDto),
    ];
  }

  // ---------------------------------------------------------------------------------- writes

  async create(projectId: string, input: CreateRequirementDto): Promise<RequirementDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      await this.checkLot(manager, projectId, input.lotId ?? null);
      let reference = input.reference;
      if (reference === undefined) {
        reference = nextReference(REQUIREMENT_REFERENCE_PREFIX, await referencesOf(manager, 'acceptance_requirement', projectId));
      } else if (await referenceTaken(manager, 'acceptance_requirement', projectId, reference)) {
        throw duplicateReference(reference, 'requirement');
      }
      const row = manager.create(AcceptanceRequirementEntity, {
        projectId,
        reference,
        title: input.title,
        description: input.description ?? '',
        category: input.category,
        priority: input.priority,
        lotId: input.lotId ?? null,
        conformity: input.conformity ?? null,
        status: input.status ?? 'brouillon',
        revision: 1,
      });
      const saved = await createRow(manager, this.auditTrail, REQUIREMENT_KIND, projectId, row);
      return this.get(projectId, saved.id, manager);
    });
  }

  async update(projectId: string, requirementId: string, input: UpdateRequirementDto): Promise<RequirementDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const row = await manager.findOneBy(AcceptanceRequirementEntity, { projectId, id: requirementId });
      if (!row) throw notFound('acceptance_requirement', requirementId);
      await editLoadedRow(manager, this.auditTrail, REQUIREMENT_KIND, { projectId, id: requirementId }, row, input.version, async (current) => {
        if (input.reference !== undefined && input.reference !== current.reference) {
          if (await referenceTaken(manager, 'acceptance_requirement', projectId, input.reference, requirementId)) {
            throw duplicateReference(input.reference, 'requirement');
          }
        }
        if (input.lotId !== undefined) await this.checkLot(manager, projectId, input.lotId);
        const next: Partial<RequirementContent> = {
          reference: input.reference,
          title: input.title,
          description: input.description,
          category: input.category,
          priority: input.priority,
          conformity: input.conformity,
        };
        if (requirementEditMakesRevision(current, next)) {
          const actor = await actorOf(manager);
          await manager.insert(AcceptanceRequirementRevisionEntity, {
            requirementId,
            ...revisedFields(current),
            createdBy: actor.id,
            createdByName: actor.name,
          });
          current.revision += 1;
        }
        if (input.reference !== undefined) current.reference = input.reference;
        if (input.title !== undefined) current.title = input.title;
        if (input.description !== undefined) current.description = input.description;
        if (input.category !== undefined) current.category = input.category;
        if (input.priority !== undefined) current.priority = input.priority;
        if (input.conformity !== undefined) current.conformity = input.conformity;
        if (input.lotId !== undefined) current.lotId = input.lotId;
        if (input.status !== undefined) current.status = input.status;
      });
      return this.get(projectId, requirementId, manager);
    });
  }

  /** Deletes a requirement no case checks; one that cases check is marked obsolete instead. */
  async remove(projectId: string, requirementId: string, version: number): Promise<RequirementDeletionDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const row = await manager.findOneBy(AcceptanceRequirementEntity, { projectId, id: requirementId });
      if (!row) throw notFound('acceptance_requirement', requirementId);
      const used = (await manager.query(`SELECT 1 FROM acceptance_case_requirement WHERE requirement_id = $1 LIMIT 1`, [requirementId])) as unknown[];
      if (used.length > 0) {
        await editLoadedRow(manager, this.auditTrail, REQUIREMENT_KIND, { projectId, id: requirementId }, row, version, (current) => {
          current.status = 'obsolete';
        });
        return { deleted: false, requirement: await this.get(projectId, requirementId, manager) };
      }
      await deleteRow(manager, this.auditTrail, REQUIREMENT_KIND, { projectId, id: requirementId, where: { projectId, id: requirementId } }, version);
      return { deleted: true, requirement: null };
    });
  }

  // ---------------------------------------------------------------------------------- import

  /** Reads and checks a grille de conformité; writes nothing. */
  async importPreview(projectId: string, input: ImportRequirementsPreviewDto): Promise<RequirementImportPreviewDto> {
    return previewOf(await this.readFile(this.dataSource.manager, projectId, input));
  }

  /**
   * Imports a grille de conformité in one transaction: every row, or, when any row is rejected,
   * nothing (422 `import_rejected` naming each `rows.N.field`) unless `validRowsOnly`. The file is
   * read again inside the transaction, so references created meanwhile are refused too.
   */
  async importFile(projectId: string, input: ImportRequirementsDto): Promise<RequirementImportResultDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockProject(manager, projectId);
      const file = await this.readFile(manager, projectId, input);
      if (file.missingFields.length > 0) {
        throw fieldErrors(file.missingFields.map((field) => ({ field: `mapping.${field}`, messages: [`choose the column that holds the ${field}`] })));
      }
      const rejected = file.rows.filter((row) => row.input === null);
      if (rejected.length > 0 && !input.validRowsOnly) {
        throw refuse(422, 'import_rejected', `${rejected.length} row(s) of the file are rejected: nothing was imported`, {
          fields: rejected.flatMap((row) => row.errors.map((error) => ({ field: `rows.${row.row}.${error.field}`, messages: [error.message] }))),
        });
      }
      const valid = file.rows.filter((row): row is ImportedRequirementRow & { input: ImportedRequirement } => row.input !== null);
      if (valid.length === 0) throw fieldError(400, 'file', 'No row of the file can be imported');
      const created: string[] = [];
      // Chunks keep each statement well under PostgreSQL's 65,535 parameters.
      for (let start = 0; start < valid.length; start += 500) {
        const chunk = valid.slice(start, start + 500);
        const rows = chunk.map(({ input: row }) => manager.create(AcceptanceRequirementEntity, { projectId, ...row, revision: 1 }));
        await manager.insert(AcceptanceRequirementEntity, rows);
        await this.auditTrail.recordMany(
          manager,
          rows.map((row) => ({
            projectId,
            entity: 'acceptance_requirement' as const,
            entityId: row.id,
            action: 'create' as const,
            after: REQUIREMENT_KIND.snapshot(row),
            label: `${row.reference} – ${row.title}`,
          })),
        );
        created.push(...rows.map((row) => row.reference));
      }
      return { ...previewOf(file), created };
    });
  }

  private async readFile(manager: EntityManager, projectId: string, input: ImportRequirementsPreviewDto): Promise<ReadRequirementFile> {
    const [lots, references] = await Promise.all([
      manager.query(`SELECT id, name FROM plan_lot WHERE project_id = $1`, [projectId]) as Promise<Array<{ id: string; name: string }>>,
      referencesOf(manager, 'acceptance_requirement', projectId),
    ]);
    const content = Buffer.from(input.content, 'base64');
    if (content.length === 0) throw fieldError(400, 'content', 'content must be the file, base64-encoded');
    return readRequirementFile({ fileName: input.fileName, content }, input.mapping, lots, new Set(references.map(referenceKey)));
  }

  /** A lot of this project's plan, or 422 naming `field`. */
  async checkLot(manager: EntityManager, projectId: string, lotId: string | null, field = 'lotId'): Promise<void> {
    if (lotId === null) return;
    const rows = (await manager.query(`SELECT 1 FROM plan_lot WHERE project_id = $1 AND id = $2`, [projectId, lotId])) as unknown[];
    if (rows.length === 0) throw fieldError(422, field, `${field} is not a lot of this project’s plan`);
  }
}

function previewOf(file: ReadRequirementFile): RequirementImportPreviewDto {
  const valid = file.rows.filter((row) => row.input !== null).length;
  return {
    columns: file.columns,
    headerRow: file.headerRow,
    mapping: file.mapping,
    missingFields: file.missingFields,
    rows: file.rows.map((row) => ({ row: row.row, reference: row.reference, title: row.title, valid: row.input !== null, errors: row.errors })),
    valid,
    rejected: file.rows.length - valid,
  };
}
