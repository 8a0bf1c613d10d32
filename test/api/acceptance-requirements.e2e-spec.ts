import ExcelJS from 'exceljs';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  RequirementDto,
  RequirementImportPreviewDto,
  RequirementImportResultDto,
  RequirementRevisionDto,
  RetroPlanningDto,
  TestCaseDto,
  TestCaseRevisionDto,
} from '@jalon/domain';
import { memberOf, newProject, type ApiAgent } from '../support/actors';
import { auditRows, planOf } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { CasesService } from '../../api/src/acceptance/cases.service';
import { RequirementsService } from '../../api/src/acceptance/requirements.service';

/** The acceptance routes of one project, for one signed-in caller. */
function acceptanceOf(agent: ApiAgent, projectId: string) {
  const base = `/api/projects/${projectId}/acceptance`;
  return {
    get: (path: string) => agent.get(`${base}/${path}`),
    post: (path: string, body: object) => agent.post(`${base}/${path}`).send(body),
    patch: (path: string, body: object) => agent.patch(`${base}/${path}`).send(body),
    delete: (path: string) => agent.delete(`${base}/${path}`),
    requirements: async (query = ''): Promise<RequirementDto[]> => {
      const response = await agent.get(`${base}/requirements${query}`);
      if (response.status !== 200) throw new Error(`GET requirements: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as RequirementDto[];
    },
  };
}

const requirement = (overrides: object = {}) => ({
  title: 'Routage des appels par compétence',
  description: 'Les appels entrants sont routés vers le groupe compétent :\n- selon le choix SVI\n- selon la langue du client',
  category: 'fonctionnelle',
  priority: 'indispensable',
  ...overrides,
});

const step = (action: string, expected: string, data = '') => ({ action, data, expected });

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');
const fields = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((entry) => entry.field);

describe('Acceptance requirements and test cases (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => testApp.close());

  async function projectWithManager() {
    const project = await newProject(testApp.app);
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    return { projectId: project.id, pm, api: acceptanceOf(pm, project.id) };
  }

  const countOf = async (table: string, projectId: string): Promise<number> =>
    Number(((await dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE project_id = $1`, [projectId])) as Array<{ n: string }>)[0]!.n);

  describe('requirements', () => {
    it('should create, list with filters, read, update and delete requirements, numbering EXG-001… and auditing each change', async () => {
      const { projectId, pm, api } = await projectWithManager();
      const plan = (await planOf(pm, projectId).post('lots', { name: 'Lot 1 – Voix' }).expect(201)).body as RetroPlanningDto;
      const lotId = plan.lots[0]!.id;
      const first = (await api.post('requirements', requirement({ lotId, conformity: 'standard' })).expect(201)).body as RequirementDto;
      expect(first).toMatchObject({
        reference: 'EXG-001',
        status: 'brouillon',
        revision: 1,
        version: 1,
        lotId,
        lotName: 'Lot 1 – Voix',
        conformity: 'standard',
        testCases: [],
      });
      const second = (
        await api.post('requirements', requirement({ title: 'Tableau de bord superviseur', category: 'reporting', priority: 'souhaitable', description: 'Temps réel' })).expect(201)
      ).body as RequirementDto;
      expect(second.reference).toBe('EXG-002');
      const own = (await api.post('requirements', requirement({ reference: 'F-RGPD-01', title: 'Purge des enregistrements', description: '', category: 'rgpd', priority: 'facultatif' })).expect(201))
        .body as RequirementDto;
      expect(own.reference).toBe('F-RGPD-01');

      expect((await api.requirements()).map((row) => row.reference)).toEqual(['EXG-001', 'EXG-002', 'F-RGPD-01']);
      expect((await api.requirements('?category=reporting')).map((row) => row.id)).toEqual([second.id]);
      expect((await api.requirements('?priority=indispensable')).map((row) => row.id)).toEqual([first.id]);
      expect((await api.requirements(`?lotId=${lotId}`)).map((row) => row.id)).toEqual([first.id]);
      expect((await api.requirements('?lotId=none')).map((row) => row.id)).toEqual([second.id, own.id]);
      expect((await api.requirements('?q=SUPERVISEUR')).map((row) => row.id)).toEqual([second.id]);
      expect((await api.requirements('?q=langue du client')).map((row) => row.id)).toEqual([first.id]);
      expect((await api.requirements('?q=100%25')).map((row) => row.id)).toEqual([]);
      expect((await api.requirements('?status=validee'))).toEqual([]);
      expect(fields((await api.get('requirements?priority=urgent').expect(400)).body)).toEqual(['priority']);

      expect((await api.get(`requirements/${first.id}`).expect(200)).body).toEqual(first);
      const updated = (await api.patch(`requirements/${second.id}`, { version: 1, title: 'Tableau de bord du superviseur', lotId }).expect(200)).body as RequirementDto;
      // A draft is edited in place: same revision, no revision row.
      expect(updated).toMatchObject({ title: 'Tableau de bord du superviseur', lotId, revision: 1, version: 2 });
      expect(((await api.get(`requirements/${second.id}/revisions`).expect(200)).body as RequirementRevisionDto[]).map((row) => row.revision)).toEqual([1]);

      expect((await api.delete(`requirements/${own.id}?version=1`).expect(200)).body).toEqual({ deleted: true, requirement: null });
      await api.get(`requirements/${own.id}`).expect(404);

      const audit = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'acceptance_requirement');
      expect(audit.map((row) => [row.entityId, row.action])).toEqual([
        [first.id, 'create'],
        [second.id, 'create'],
        [own.id, 'create'],
        [second.id, 'update'],
        [own.id, 'delete'],
      ]);
      expect(audit[3]!.changes['title']).toEqual({ before: 'Tableau de bord superviseur', after: 'Tableau de bord du superviseur' });
    });

    it('should make a new revision when a validated requirement’s content changes, keeping the previous one, and not for its status or lot', async () => {
      const { pm, projectId, api } = await projectWithManager();
      const created = (await api.post('requirements', requirement({ status: 'validee', conformity: 'standard' })).expect(201)).body as RequirementDto;
      const plan = (await planOf(pm, projectId).post('lots', { name: 'Lot 2' }).expect(201)).body as RetroPlanningDto;
      // Moving it to a lot is not a change of its content.
      let current = (await api.patch(`requirements/${created.id}`, { version: 1, lotId: plan.lots[0]!.id }).expect(200)).body as RequirementDto;
      expect(current).toMatchObject({ revision: 1, version: 2 });
      current = (await api.patch(`requirements/${created.id}`, { version: 2, description: 'Routage par compétence, langue et priorité client.', conformity: 'specifique' }).expect(200))
        .body as RequirementDto;
      expect(current).toMatchObject({ revision: 2, version: 3, conformity: 'specifique' });
      current = (await api.patch(`requirements/${created.id}`, { version: 3, priority: 'souhaitable' }).expect(200)).body as RequirementDto;
      expect(current).toMatchObject({ revision: 3, version: 4 });
      // The same values again change nothing.
      current = (await api.patch(`requirements/${created.id}`, { version: 4, priority: 'souhaitable', status: 'validee' }).expect(200)).body as RequirementDto;
      expect(current.revision).toBe(3);

      const revisions = (await api.get(`requirements/${created.id}/revisions`).expect(200)).body as RequirementRevisionDto[];
      expect(revisions.map((row) => [row.revision, row.current, row.priority, row.conformity])).toEqual([
        [3, true, 'souhaitable', 'specifique'],
        [2, false, 'indispensable', 'specifique'],
        [1, false, 'indispensable', 'standard'],
      ]);
      expect(revisions[2]).toMatchObject({ description: created.description, replacedByName: expect.any(String) });
      expect(revisions[0]!.replacedAt).toBeNull();
      // The database keeps a revision as it was.
      await expect(dataSource.query(`UPDATE acceptance_requirement_revision SET title = 'x' WHERE requirement_id = $1`, [created.id])).rejects.toThrow(/immutable/);
    });

    it('should answer 409 to a stale version, refuse duplicated references and bad input naming the field, and write nothing', async () => {
      const { projectId, api } = await projectWithManager();
      const other = await projectWithManager();
      const foreignLot = ((await planOf(other.pm, other.projectId).post('lots', { name: 'Ailleurs' }).expect(201)).body as RetroPlanningDto).lots[0]!.id;
      const created = (await api.post('requirements', requirement({ reference: 'EXG-010' })).expect(201)).body as RequirementDto;
      await api.patch(`requirements/${created.id}`, { version: 1, title: 'Routage' }).expect(200);
      const stale = await api.patch(`requirements/${created.id}`, { version: 1, title: 'Autre' }).expect(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', entity: 'acceptance_requirement', id: created.id, currentVersion: 2 });
      await api.delete(`requirements/${created.id}?version=1`).expect(409);

      const duplicate = await api.post('requirements', requirement({ reference: 'exg-010' })).expect(409);
      expect(duplicate.body).toMatchObject({ code: 'duplicate_reference' });
      expect(fields(duplicate.body)).toEqual(['reference']);
      const second = (await api.post('requirements', requirement()).expect(201)).body as RequirementDto;
      expect(second.reference).toBe('EXG-011');
      expect(fields((await api.patch(`requirements/${second.id}`, { version: 1, reference: 'EXG-010' }).expect(409)).body)).toEqual(['reference']);

      expect(fields((await api.post('requirements', requirement({ category: 'meteo' })).expect(400)).body)).toEqual(['category']);
      expect(fields((await api.post('requirements', requirement({ title: '   ' })).expect(400)).body)).toEqual(['title']);
      expect(fields((await api.post('requirements', requirement({ reference: '<b>x</b>' })).expect(400)).body)).toEqual(['reference']);
      expect(fields((await api.post('requirements', requirement({ conformity: 'partielle' })).expect(400)).body)).toEqual(['conformity']);
      expect(fields((await api.post('requirements', requirement({ unknown: 1 })).expect(400)).body)).toEqual(['unknown']);
      expect(fields((await api.post('requirements', requirement({ lotId: foreignLot })).expect(422)).body)).toEqual(['lotId']);
      expect(fields((await api.patch(`requirements/${second.id}`, { version: 1, status: null }).expect(400)).body)).toEqual(['status']);
      expect((await api.requirements()).map((row) => row.reference)).toEqual(['EXG-010', 'EXG-011']);
      expect(await countOf('acceptance_requirement', projectId)).toBe(2);
    });

    it('should let viewers and contributors read only, and hide the project from members of another one', async () => {
      const { projectId, api } = await projectWithManager();
      const created = (await api.post('requirements', requirement()).expect(201)).body as RequirementDto;
      const keyUser = acceptanceOf(await memberOf(testApp.app, projectId, 'key_user'), projectId);
      const viewer = acceptanceOf(await memberOf(testApp.app, projectId, 'viewer'), projectId);
      const contributor = acceptanceOf(await memberOf(testApp.app, projectId, 'contributor'), projectId);
      const other = await projectWithManager();
      const stranger = acceptanceOf(other.pm, projectId);

      // Key users write the recette with the project manager.
      const byKeyUser = (await keyUser.post('requirements', requirement({ title: 'Bandeau client' })).expect(201)).body as RequirementDto;
      for (const reader of [viewer, contributor]) {
        expect((await reader.requirements()).length).toBe(2);
        await reader.get(`requirements/${created.id}/revisions`).expect(200);
        expect((await reader.post('requirements', requirement()).expect(403)).body.code).toBe('forbidden');
        await reader.patch(`requirements/${created.id}`, { version: 1, title: 'x' }).expect(403);
        await reader.delete(`requirements/${created.id}?version=1`).expect(403);
        await reader.post('cases', { title: 'x', steps: [step('a', 'b')] }).expect(403);
        await reader.post('cases/generate', { requirementIds: [created.id] }).expect(403);
        await reader.post('requirements/import/preview', { fileName: 'g.csv', content: csv(['Référence;Titre;Priorité']) }).expect(403);
      }
      for (const call of [
        stranger.get('requirements'),
        stranger.get(`requirements/${created.id}`),
        stranger.patch(`requirements/${created.id}`, { version: 1, title: 'x' }),
        stranger.post('requirements', requirement()),
        stranger.get('cases'),
      ]) {
        expect((await call.expect(404)).body.code).toBe('not_found');
      }
      // Another project's requirement is not found through this project.
      await other.api.get(`requirements/${created.id}`).expect(404);
      await other.api.patch(`requirements/${byKeyUser.id}`, { version: 1, title: 'x' }).expect(404);
      expect((await api.get(`requirements/${byKeyUser.id}`).expect(200)).body.title).toBe('Bandeau client');
    });
  });

  describe('test cases', () => {
    it('should create cases with ordered steps and linked requirements, edit them with revisions once ready, link, unlink and delete', async () => {
      const { projectId, api } = await projectWithManager();
      const routing = (await api.post('requirements', requirement()).expect(201)).body as RequirementDto;
      const popup = (await api.post('requirements', requirement({ title: 'Pop-up fiche contact' })).expect(201)).body as RequirementDto;
      const created = (
        await api
          .post('cases', {
            title: 'Appel entrant routé vers le bon groupe',
            preconditions: 'Conseiller connecté, statut disponible',
            steps: [
              { order: 1, action: 'Appeler le numéro du service client', expected: 'Le SVI annonce le menu' },
              { order: 2, action: 'Taper 2', data: 'Choix 2 : facturation', expected: 'L’appel arrive au groupe Facturation' },
            ],
            criticality: 'haute',
            requirementIds: [routing.id],
          })
          .expect(201)
      ).body as TestCaseDto;
      expect(created).toMatchObject({
        reference: 'CT-001',
        status: 'brouillon',
        revision: 1,
        version: 1,
        criticality: 'haute',
        steps: [
          { action: 'Appeler le numéro du service client', data: '', expected: 'Le SVI annonce le menu' },
          { action: 'Taper 2', data: 'Choix 2 : facturation', expected: 'L’appel arrive au groupe Facturation' },
        ],
        requirements: [{ id: routing.id, reference: 'EXG-001', priority: 'indispensable', revision: 1 }],
      });
      expect(((await api.get(`requirements/${routing.id}`).expect(200)).body as RequirementDto).testCases).toEqual([
        { id: created.id, reference: 'CT-001', title: created.title },
      ]);

      // A draft is edited in place; once ready, a change of its steps makes a revision.
      let current = (await api.patch(`cases/${created.id}`, { version: 1, title: 'Routage d’un appel entrant', status: 'pret' }).expect(200)).body as TestCaseDto;
      expect(current).toMatchObject({ revision: 1, version: 2, status: 'pret' });
      current = (
        await api
          .patch(`cases/${created.id}`, {
            version: 2,
            steps: [...created.steps, step('Décrocher', 'La fiche du client s’ouvre')],
          })
          .expect(200)
      ).body as TestCaseDto;
      expect(current).toMatchObject({ revision: 2, version: 3 });
      expect(current.steps).toHaveLength(3);
      const revisions = (await api.get(`cases/${created.id}/revisions`).expect(200)).body as TestCaseRevisionDto[];
      expect(revisions.map((row) => [row.revision, row.current, row.steps.length, row.title])).toEqual([
        [2, true, 3, 'Routage d’un appel entrant'],
        [1, false, 2, 'Routage d’un appel entrant'],
      ]);

      current = (await api.post(`cases/${created.id}/requirements`, { version: 3, requirementIds: [popup.id, routing.id] }).expect(201)).body as TestCaseDto;
      expect(current.requirements.map((row) => row.reference)).toEqual(['EXG-001', 'EXG-002']);
      expect(current).toMatchObject({ version: 4, revision: 2 });
      expect(((await api.get(`cases?requirementId=${popup.id}`).expect(200)).body as TestCaseDto[]).map((row) => row.id)).toEqual([created.id]);
      current = (await api.delete(`cases/${created.id}/requirements/${routing.id}?version=4`).expect(200)).body as TestCaseDto;
      expect(current.requirements.map((row) => row.reference)).toEqual(['EXG-002']);
      await api.delete(`cases/${created.id}/requirements/${routing.id}?version=5`).expect(404);
      await api.delete(`cases/${created.id}/requirements/${popup.id}?version=4`).expect(409);

      // A requirement that a case checks is marked obsolete, not deleted.
      const obsolete = (await api.delete(`requirements/${popup.id}?version=1`).expect(200)).body;
      expect(obsolete).toMatchObject({ deleted: false, requirement: { id: popup.id, status: 'obsolete', version: 2 } });

      expect((await api.delete(`cases/${created.id}?version=5`).expect(200)).body).toEqual({ deleted: true, testCase: null });
      await api.get(`cases/${created.id}`).expect(404);
      expect(await countOf('acceptance_case_requirement', projectId)).toBe(0);
      const audit = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'acceptance_test_case');
      expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'delete']);
      expect(audit[3]!.changes['requirementIds']).toEqual({ before: [routing.id], after: [routing.id, popup.id].sort() });
    });

    it('should refuse steps out of order, missing step fields and foreign requirements with a 4xx naming steps.N.field, writing nothing', async () => {
      const { projectId, api } = await projectWithManager();
      const other = await projectWithManager();
      const foreign = (await other.api.post('requirements', requirement()).expect(201)).body as RequirementDto;
      const body = (steps: unknown, extra: object = {}) => ({ title: 'Clôture d’une demande', steps, ...extra });

      expect(fields((await api.post('cases', body([])).expect(400)).body)).toEqual(['steps']);
      expect(fields((await api.post('cases', body(undefined)).expect(400)).body)).toEqual(['steps']);
      expect(fields((await api.post('cases', body([{ action: 'Clore' }])).expect(400)).body)).toEqual(['steps.0.expected']);
      expect(fields((await api.post('cases', body([step('Ouvrir', 'Ouverte'), { action: '  ', expected: 'x' }])).expect(400)).body)).toEqual(['steps.1.action']);
      expect(fields((await api.post('cases', body([step('a', 'b'), { action: 'c', expected: 'd', color: 'red' }])).expect(400)).body)).toEqual(['steps.1.color']);
      const shuffled = await api
        .post('cases', body([{ order: 2, action: 'Clore', expected: 'Close' }, { order: 1, action: 'Ouvrir', expected: 'Ouverte' }]))
        .expect(400);
      expect(shuffled.body.code).toBe('validation_failed');
      expect(fields(shuffled.body)).toEqual(['steps.0.order', 'steps.1.order']);
      const unknown = await api.post('cases', body([step('a', 'b')], { requirementIds: [foreign.id] })).expect(422);
      expect(unknown.body.code).toBe('invalid_reference');
      expect(fields(unknown.body)).toEqual(['requirementIds.0']);
      expect(fields((await api.post('cases', body([step('a', 'b')], { criticality: 'extreme' })).expect(400)).body)).toEqual(['criticality']);
      expect(await countOf('acceptance_test_case', projectId)).toBe(0);

      const created = (await api.post('cases', body([step('a', 'b')], { reference: 'CT-100' })).expect(201)).body as TestCaseDto;
      expect(fields((await api.patch(`cases/${created.id}`, { version: 1, steps: [{ order: 1, action: 'a' }] }).expect(400)).body)).toEqual(['steps.0.expected']);
      expect(fields((await api.post('cases', body([step('a', 'b')], { reference: 'ct-100' })).expect(409)).body)).toEqual(['reference']);
      expect(((await api.get(`cases/${created.id}`).expect(200)).body as TestCaseDto)).toMatchObject({ version: 1, steps: [step('a', 'b')] });
      await other.api.get(`cases/${created.id}`).expect(404);
      await other.api.post('cases/generate', { requirementIds: [foreign.id] }).expect(201);
      expect(fields((await api.post('cases/generate', { requirementIds: [foreign.id] }).expect(422)).body)).toEqual(['requirementIds.0']);
    });

    it('should draft one case per requirement with a step per acceptance criterion', async () => {
      const { api } = await projectWithManager();
      const withCriteria = (
        await api
          .post('requirements', requirement({ title: 'Pop-up de la fiche contact', description: 'Au décroché :\n- la fiche s’ouvre seule\n2. l’historique est affiché' }))
          .expect(201)
      ).body as RequirementDto;
      const without = (await api.post('requirements', requirement({ title: 'Export RGPD', description: 'Les données d’un client sont exportables.', priority: 'facultatif' })).expect(201))
        .body as RequirementDto;
      await api.post('cases', { reference: 'CT-007', title: 'Existant', steps: [step('a', 'b')] }).expect(201);
      const { created } = (await api.post('cases/generate', { requirementIds: [withCriteria.id, without.id] }).expect(201)).body as { created: TestCaseDto[] };
      expect(created.map((row) => [row.reference, row.title, row.status, row.criticality, row.steps.length, row.requirements.map((r) => r.id)])).toEqual([
        ['CT-008', 'EXG-001 – Pop-up de la fiche contact', 'brouillon', 'haute', 2, [withCriteria.id]],
        ['CT-009', 'EXG-002 – Export RGPD', 'brouillon', 'basse', 1, [without.id]],
      ]);
      expect(created[0]!.steps.map((row) => row.expected)).toEqual(['la fiche s’ouvre seule', 'l’historique est affiché']);
    });
  });

  describe('import of the grille de conformité', () => {
    const grid = [
      'Grille de conformité – CDC relation client;;;;;;',
      ';;;;;;',
      'N° exigence;Intitulé;Description;Domaine;Priorité;Lot;Réponse éditeur',
      'F-01;Routage multicanal;- par compétence\n;Fonctionnelle;Indispensable;Lot 1;Standard',
      'F-02;Pop-up fiche contact;;Fonctionnelle;P1;;Spécifique',
      'R-01;Tableau de bord temps réel;;Reporting;Souhaitable;Lot 1;',
    ];

    it('should preview the columns, the guessed mapping and each row, then import every row in one go', async () => {
      const { projectId, pm, api } = await projectWithManager();
      await planOf(pm, projectId).post('lots', { name: 'Lot 1' }).expect(201);
      const content = csv(grid.map((line) => line.replace('\n', '')));
      const preview = (await api.post('requirements/import/preview', { fileName: 'grille.csv', content }).expect(201)).body as RequirementImportPreviewDto;
      expect(preview).toMatchObject({
        headerRow: 3,
        columns: ['N° exigence', 'Intitulé', 'Description', 'Domaine', 'Priorité', 'Lot', 'Réponse éditeur'],
        mapping: { reference: 'N° exigence', title: 'Intitulé', description: 'Description', category: 'Domaine', priority: 'Priorité', lot: 'Lot', conformity: 'Réponse éditeur' },
        missingFields: [],
        valid: 3,
        rejected: 0,
      });
      expect(await countOf('acceptance_requirement', projectId)).toBe(0);
      const result = (await api.post('requirements/import', { fileName: 'grille.csv', content }).expect(201)).body as RequirementImportResultDto;
      expect(result.created).toEqual(['F-01', 'F-02', 'R-01']);
      const stored = await api.requirements();
      expect(stored.map((row) => [row.reference, row.category, row.priority, row.lotName, row.conformity, row.status])).toEqual([
        ['F-01', 'fonctionnelle', 'indispensable', 'Lot 1', 'standard', 'brouillon'],
        ['F-02', 'fonctionnelle', 'indispensable', null, 'specifique', 'brouillon'],
        ['R-01', 'reporting', 'souhaitable', 'Lot 1', null, 'brouillon'],
      ]);
      expect((await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'acceptance_requirement' && row.action === 'create')).toHaveLength(3);

      // The same file again: every reference is taken.
      const again = await api.post('requirements/import', { fileName: 'grille.csv', content }).expect(422);
      expect(again.body.code).toBe('import_rejected');
      expect(fields(again.body)).toEqual(['rows.4.reference', 'rows.5.reference', 'rows.6.reference']);
    });

    it('should write nothing when one row is broken, name the row and the field, and import the valid rows only when asked', async () => {
      const { projectId, api } = await projectWithManager();
      await api.post('requirements', requirement({ reference: 'F-09' })).expect(201);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Exigences');
      sheet.addRow(['Référence', 'Titre', 'Catégorie', 'Priorité', 'Statut']);
      sheet.addRow(['F-01', 'Routage', 'Fonctionnelle', 'Indispensable', 'Validée']);
      sheet.addRow(['F-02', 'Pop-up', 'Fonctionnelle', 'Urgente', '']);
      sheet.addRow(['F-01', 'Doublon', 'Technique', 'Souhaitable', '']);
      sheet.addRow(['F-09', 'Existe déjà', 'Technique', 'Souhaitable', '']);
      sheet.addRow(['F-03', 'Formation des superviseurs', 'Formation', 'Facultatif', '']);
      const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');

      const preview = (await api.post('requirements/import/preview', { fileName: 'grille.xlsx', content }).expect(201)).body as RequirementImportPreviewDto;
      expect(preview).toMatchObject({ valid: 2, rejected: 3 });
      expect(preview.rows.filter((row) => !row.valid).map((row) => [row.row, row.errors.map((error) => [error.field, error.code])])).toEqual([
        [3, [['priority', 'not_priority']]],
        [4, [['reference', 'duplicate_in_file']]],
        [5, [['reference', 'duplicate_existing']]],
      ]);

      const refused = await api.post('requirements/import', { fileName: 'grille.xlsx', content }).expect(422);
      expect(refused.body.code).toBe('import_rejected');
      expect(fields(refused.body)).toEqual(['rows.3.priority', 'rows.4.reference', 'rows.5.reference']);
      expect(await countOf('acceptance_requirement', projectId)).toBe(1);

      const imported = (await api.post('requirements/import', { fileName: 'grille.xlsx', content, validRowsOnly: true }).expect(201)).body as RequirementImportResultDto;
      expect(imported.created).toEqual(['F-01', 'F-03']);
      expect((await api.requirements()).map((row) => [row.reference, row.status])).toEqual([
        ['F-01', 'validee'],
        ['F-03', 'brouillon'],
        ['F-09', 'brouillon'],
      ]);
    });

    it('should take a mapping that overrides the guess, say which required columns are missing, and refuse bad mappings and files', async () => {
      const { projectId, api } = await projectWithManager();
      const content = csv(['Code;Énoncé;Importance;Notes', 'A-1;Routage;Essentiel;x', 'A-2;Pop-up;Souhaitable;y']);
      const guessed = (await api.post('requirements/import/preview', { fileName: 'g.csv', content }).expect(201)).body as RequirementImportPreviewDto;
      expect(guessed.mapping).toMatchObject({ reference: 'Code', priority: 'Importance' });
      expect(guessed.missingFields).toEqual(['title']);
      expect(guessed.rows).toEqual([]);
      expect(fields((await api.post('requirements/import', { fileName: 'g.csv', content }).expect(400)).body)).toEqual(['mapping.title']);

      const mapping = { title: 'Énoncé', description: 'Notes' };
      const preview = (await api.post('requirements/import/preview', { fileName: 'g.csv', content, mapping }).expect(201)).body as RequirementImportPreviewDto;
      expect(preview).toMatchObject({ missingFields: [], valid: 2, mapping: { reference: 'Code', title: 'Énoncé', description: 'Notes', priority: 'Importance' } });
      await api.post('requirements/import', { fileName: 'g.csv', content, mapping }).expect(201);
      expect((await api.requirements()).map((row) => [row.reference, row.priority, row.description])).toEqual([
        ['A-1', 'indispensable', 'x'],
        ['A-2', 'souhaitable', 'y'],
      ]);

      expect(fields((await api.post('requirements/import/preview', { fileName: 'g.csv', content, mapping: { title: 'Absente' } }).expect(400)).body)).toEqual(['mapping.title']);
      expect(fields((await api.post('requirements/import/preview', { fileName: 'g.csv', content, mapping: { colour: 'Code' } }).expect(400)).body)).toEqual(['mapping.colour']);
      expect(
        fields((await api.post('requirements/import/preview', { fileName: 'g.csv', content, mapping: { title: 'Code', reference: 'Code' } }).expect(400)).body),
      ).toEqual(['mapping.reference']);
      expect(fields((await api.post('requirements/import/preview', { fileName: 'g.pdf', content }).expect(400)).body)).toEqual(['file']);
      expect(fields((await api.post('requirements/import/preview', { fileName: 'g.xlsx', content }).expect(400)).body)).toEqual(['file']);
      expect(fields((await api.post('requirements/import/preview', { fileName: 'g.csv', content: csv(['a;b;c', '1;2;3']) }).expect(400)).body)).toEqual(['file']);
      expect(fields((await api.post('requirements/import', { fileName: 'g.csv', content, validRowsOnly: 'yes' }).expect(400)).body)).toEqual(['validRowsOnly']);
      // A cell the database cannot store is that row's problem, never a 500.
      const nul = csv(['Référence;Titre;Priorité', 'B-1;Rou\u0000tage;Indispensable']);
      const refusedNul = await api.post('requirements/import', { fileName: 'g.csv', content: nul }).expect(422);
      expect(fields(refusedNul.body)).toEqual(['rows.2.title']);
      expect(await countOf('acceptance_requirement', projectId)).toBe(2);
    });
  });
});

describe('Demo requirements and test cases', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_DEMO: 'true' });
  });
  afterAll(() => testApp.close());

  it('should seed 40 requirements, most validated, one revised, and 30 cases of 3 to 6 steps linked to them', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const [project] = (await dataSource.query(`SELECT id FROM project`)) as Array<{ id: string }>;
    const requirements = await testApp.app.get(RequirementsService).list(project!.id);
    expect(requirements).toHaveLength(40);
    expect(requirements[0]).toMatchObject({ reference: 'EXG-001', title: 'Routage des appels par compétence', status: 'validee' });
    expect(requirements.filter((row) => row.status === 'validee').length).toBeGreaterThanOrEqual(30);
    expect(new Set(requirements.map((row) => row.priority))).toEqual(new Set(['indispensable', 'souhaitable', 'facultatif']));
    expect(new Set(requirements.map((row) => row.conformity))).toEqual(new Set(['standard', 'specifique', 'non_disponible', null]));
    expect(requirements.filter((row) => row.revision === 2).map((row) => row.reference)).toEqual(['EXG-007']);
    expect((await testApp.app.get(RequirementsService).revisions(project!.id, requirements[6]!.id)).map((row) => row.revision)).toEqual([2, 1]);

    const cases = await testApp.app.get(CasesService).list(project!.id);
    expect(cases.map((row) => row.reference)).toEqual(Array.from({ length: 30 }, (_, index) => `CT-${String(index + 1).padStart(3, '0')}`));
    for (const testCase of cases) {
      expect(testCase.steps.length).toBeGreaterThanOrEqual(3);
      expect(testCase.steps.length).toBeLessThanOrEqual(6);
      expect(testCase.requirements.length).toBeGreaterThanOrEqual(1);
    }
    expect(cases.filter((row) => row.status === 'pret').length).toBeGreaterThanOrEqual(28);
    // Every validated indispensable requirement of the journey has a case, save training and
    // availability proved otherwise.
    const uncovered = requirements.filter((row) => row.priority === 'indispensable' && row.status === 'validee' && row.testCases.length === 0);
    expect(uncovered.map((row) => row.category)).toEqual(['formation', 'formation']);
  });
});
