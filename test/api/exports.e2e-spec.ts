import { Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import request from 'supertest';
import { redactFeedToken } from '../../api/src/exports/calendar-feed-token';
import { attachmentDisposition } from '../../api/src/exports/content-disposition';
import { excelSerialDate } from '../../api/src/exports/xlsx-workbook';
import { Clock } from '../../api/src/clock/clock';
import { memberOf, newProject, signedInUser, type ApiAgent } from '../support/actors';
import { planOf, taskNamed } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';

const PUBLIC_URL = 'https://jalon.example.fr';

/** The raw bytes of a supertest download. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/**
 * The text of a PDF written by pdfkit (what pdfmake uses): each page's content stream decoded
 * through the ToUnicode map of the font it selects, one line per text object. Enough to read
 * back what the export wrote, accents included, without a PDF library.
 */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  for (const match of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = match[2]!;
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(match[1]!, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = match.index! + match[0].indexOf('stream') + 'stream'.length + (source[match.index! + match[0].indexOf('stream') + 6] === '\r' ? 2 : 1);
    const end = source.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    let data: Buffer = raw;
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(raw);
      } catch {
        data = inflateSync(raw.subarray(0, raw.length - 1));
      }
    }
    objects.set(match[1]!, { dict, stream: data });
  }
  const ref = (dict: string, key: string): string | undefined => new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1];
  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = (fontObject: string): Map<number, string> => {
    const cached = cmaps.get(fontObject);
    if (cached) return cached;
    const map = new Map<number, string>();
    const unicodeRef = ref(objects.get(fontObject)?.dict ?? '', 'ToUnicode');
    const cmap = unicodeRef ? (objects.get(unicodeRef)?.stream?.toString('latin1') ?? '') : '';
    const utf16 = (hex: string): string =>
      String.fromCharCode(...(hex.trim().split(/\s+/).map((part) => parseInt(part, 16)) as number[]));
    for (const range of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const first = parseInt(range[1]!, 16);
      [...range[3]!.matchAll(/<([^>]*)>/g)].forEach((entry, index) => map.set(first + index, utf16(entry[1]!)));
    }
    cmaps.set(fontObject, map);
    return map;
  };
  const lines: string[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b/.test(dict)) continue;
    const contents = ref(dict, 'Contents');
    const resources = ref(dict, 'Resources');
    const resourceDict = resources ? (objects.get(resources)?.dict ?? '') : dict;
    const fonts = new Map<string, string>();
    const fontBlock = /\/Font <<([\s\S]*?)>>/.exec(resourceDict)?.[1] ?? '';
    for (const font of fontBlock.matchAll(/\/(\S+) (\d+) 0 R/g)) fonts.set(font[1]!, font[2]!);
    const stream = contents ? (objects.get(contents)?.stream?.toString('latin1') ?? '') : '';
    let cmap = new Map<number, string>();
    let line = '';
    for (const token of stream.matchAll(/\/(\S+) [\d.]+ Tf|<([0-9a-f]*)>|\bET\b/gi)) {
      if (token[1] !== undefined) cmap = cmapOf(fonts.get(token[1]) ?? '');
      else if (token[2] !== undefined) {
        for (let i = 0; i + 4 <= token[2].length; i += 4) line += cmap.get(parseInt(token[2].slice(i, i + 4), 16)) ?? '?';
      } else {
        lines.push(line);
        line = '';
      }
    }
  }
  return lines.join('');
}

describe('Exports of the retroplanning', () => {
  let testApp: TestApp;
  let projectId: string;
  let pm: ApiAgent;
  let viewer: ApiAgent;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_PUBLIC_URL: PUBLIC_URL });
    testApp.app.get(Clock).set('2026-12-01T23:30:00Z'); // already 2 December in Paris
    const project = await newProject(testApp.app, { name: 'Déploiement région Île-de-France', targetGoLive: '2027-06-01' });
    projectId = project.id;
    pm = await memberOf(testApp.app, projectId, 'project_manager');
    viewer = await memberOf(testApp.app, projectId, 'viewer');
    const plan = planOf(pm, projectId);
    await plan.post('phases', { name: 'Réalisation' }).expect(201);
    const phaseId = (await plan.read()).phases[0]!.id;
    await plan.post('tasks', { name: 'Paramétrage équipes', duration: 10, phaseId }).expect(201);
    await plan.post('tasks', { name: 'Recette générale', duration: 5, phaseId }).expect(201);
    let current = (await plan.post('tasks', { name: 'Go / no-go « équipe »', duration: 0, keyMilestone: true, phaseId }).expect(201))
      .body as Awaited<ReturnType<typeof plan.read>>;
    const [a, b, m] = ['Paramétrage équipes', 'Recette générale', 'Go / no-go « équipe »'].map((name) => taskNamed(current, name));
    await plan.post('links', { fromTaskId: a!.id, toTaskId: b!.id }).expect(201);
    current = (await plan.post('links', { fromTaskId: b!.id, toTaskId: m!.id }).expect(201)).body as typeof current;
    await plan.post('baselines', { name: 'Référence de cadrage' }).expect(201);
    // The recette takes 3 more days than in the baseline: in a backward plan its start moves earlier.
    await plan.patch(`tasks/${b!.id}`, { version: taskNamed(current, 'Recette générale').version, duration: 8 }).expect(200);
  });
  afterAll(() => testApp.close());

  const moveGoLive = async (targetGoLive: string): Promise<void> => {
    const plan = planOf(pm, projectId);
    const settings = (await plan.read()).settings;
    await plan.patch('settings', { version: settings.version, targetGoLive }).expect(200);
  };

  describe('xlsx', () => {
    it('should name the file with its accents (RFC 5987) and keep an ASCII fallback', async () => {
      expect(attachmentDisposition('Rétroplanning Île-de-France.xlsx')).toBe(
        `attachment; filename="Retroplanning Ile-de-France.xlsx"; filename*=UTF-8''R%C3%A9troplanning%20%C3%8Ele-de-France.xlsx`,
      );
      expect(attachmentDisposition('Rétroplanning Lot 1 — « cœur ».pdf')).toContain('filename="Retroplanning Lot 1 - coeur.pdf"');
      const response = await viewer.get(`/api/projects/${projectId}/plan/export.xlsx`).buffer(true).parse(binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('Rétroplanning Déploiement région Île-de-France.xlsx')}`,
      );
    });

    it('should give a header block, date cells without time zone and a landscape print setup', async () => {
      const response = await viewer.get(`/api/projects/${projectId}/plan/export.xlsx`).buffer(true).parse(binary);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((response.body as Buffer) as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Rétroplanning')!;
      expect(sheet.getCell('A1').value).toBe('Rétroplanning');
      expect([sheet.getCell('A2').value, sheet.getCell('B2').value]).toEqual(['Projet', 'Déploiement région Île-de-France']);
      expect(sheet.getCell('A3').value).toBe('Mise en production');
      expect((sheet.getCell('B3').value as Date).toISOString()).toBe('2027-06-01T00:00:00.000Z');
      expect(sheet.getCell('B3').numFmt).toBe('dd/mm/yyyy');
      // The export day is the day in Paris (the clock says 23:30 UTC on 1 December).
      expect((sheet.getCell('B4').value as Date).toISOString()).toBe('2026-12-02T00:00:00.000Z');
      expect(sheet.getCell('B5').value).toBe('Référence de cadrage');

      const headerRow = 7;
      expect(sheet.getRow(headerRow).getCell(3).value).toBe('Tâche');
      expect(sheet.getRow(headerRow).getCell(1).font?.bold).toBe(true);
      const plan = await planOf(viewer, projectId).read();
      const recette = taskNamed(plan, 'Recette générale');
      const row = [8, 9, 10].map((n) => sheet.getRow(n)).find((r) => r.getCell(3).value === 'Recette générale')!;
      expect((row.getCell(5).value as Date).toISOString().slice(0, 10)).toBe(recette.start);
      expect((row.getCell(6).value as Date).toISOString().slice(0, 10)).toBe(recette.finish);
      expect(row.getCell(6).numFmt).toBe('dd/mm/yyyy');
      expect(row.getCell(11).value).toBe(0); // its finish did not move, its start did
      expect(sheet.getRow(8).getCell(11).value).toBe(-3); // the task before it finishes 3 working days earlier

      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    });

    it('should count Excel days from the date itself', () => {
      expect(excelSerialDate('1900-03-01')).toBe(61);
      expect(excelSerialDate('2000-01-01')).toBe(36526);
      expect(excelSerialDate('2027-06-01')).toBe(46539);
    });
  });

  describe('pdf', () => {
    it('should print phases and key milestones with dates and slippage, accents embedded, for every member', async () => {
      const response = await viewer.get(`/api/projects/${projectId}/plan/export.pdf?format=A3`).buffer(true).parse(binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('Rétroplanning Déploiement région Île-de-France A3.pdf')}`,
      );
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // Kept for a look (pdftoppm -png -r 60 …), like the browser tests' screenshots.
      const folder = join(__dirname, '..', '..', 'test-output', 'exports');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'retroplanning-A3.pdf'), pdf);
      // A3 landscape: 420 × 297 mm.
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 1190\.55\d* 841\.89\d*\]/);
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2/); // the TrueType font is embedded

      const text = pdfText(pdf);
      expect(text).toContain('Rétroplanning — Déploiement région Île-de-France');
      expect(text).toContain('Réalisation');
      expect(text).toContain('Go / no-go « équipe »');
      expect(text).toContain('01/06/2027'); // the go-live, as a calendar date
      expect(text).toContain('Référence de cadrage');
      expect(text).toContain('Édité le');
      expect(text).toContain('02/12/2026');
      const plan = await planOf(viewer, projectId).read();
      // The phase starts with its first task.
      const [year, month, day] = taskNamed(plan, 'Paramétrage équipes').start!.split('-');
      expect(text).toContain(`Réalisation${day}/${month}/${year}`);
    });

    it('should print the phase that slipped later in red as « +n j »', async () => {
      // Moving the go-live a week later makes every finish 5 working days later than the baseline.
      await moveGoLive('2027-06-08');
      const response = await viewer.get(`/api/projects/${projectId}/plan/export.pdf`).buffer(true).parse(binary);
      expect(response.status).toBe(200);
      expect(pdfText(response.body as Buffer)).toContain('+5 j');
      // A4 by default: 297 × 210 mm.
      expect((response.body as Buffer).toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89\d* 595\.28\d*\]/);
      await moveGoLive('2027-06-01');
    });

    it('should refuse an unknown format naming the field, and answer 404 to a non-member', async () => {
      const refused = await viewer.get(`/api/projects/${projectId}/plan/export.pdf?format=A5`);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('format');
      const stranger = await signedInUser(testApp.app);
      expect((await stranger.get(`/api/projects/${projectId}/plan/export.pdf`)).status).toBe(404);
      expect((await request(testApp.app.getHttpServer()).get(`/api/projects/${projectId}/plan/export.pdf`)).status).toBe(401);
    });
  });

  describe('calendar feed', () => {
    const feedPath = (url: string): string => new URL(url).pathname;
    const sequenceOf = (ics: string, uidPrefix: string): string | undefined =>
      ics
        .split('BEGIN:VEVENT')
        .find((event) => event.includes(`UID:${uidPrefix}`))
        ?.match(/SEQUENCE:(\d+)/)?.[1];

    it('should build the URL from JALON_PUBLIC_URL, never from the request headers', async () => {
      const response = await viewer
        .get(`/api/projects/${projectId}/plan/calendar-feed`)
        .set('Host', 'evil.example.com')
        .set('X-Forwarded-Proto', 'http');
      expect(response.status).toBe(200);
      const url = (response.body as { url: string }).url;
      expect(url.startsWith(`${PUBLIC_URL}/api/calendar/`)).toBe(true);
      expect(url.endsWith(`/projects/${projectId}/milestones.ics`)).toBe(true);
    });

    it('should raise SEQUENCE when a milestone moves, keep it and the UID otherwise', async () => {
      const url = ((await viewer.get(`/api/projects/${projectId}/plan/calendar-feed`).expect(200)).body as { url: string }).url;
      const read = async (): Promise<string> => {
        const response = await request(testApp.app.getHttpServer()).get(feedPath(url));
        expect(response.status).toBe(200);
        return response.text;
      };
      const milestone = taskNamed(await planOf(pm, projectId).read(), 'Go / no-go « équipe »');
      const first = await read();
      expect(first).toContain(`UID:${milestone.id}@jalon.milestone`);
      expect(sequenceOf(first, milestone.id)).toBe('0');
      expect(sequenceOf(await read(), milestone.id)).toBe('0');
      const stamp = /DTSTAMP:(\S+)/.exec(first)?.[1];

      // The go-live moves: the plan, computed backwards from it, moves with it.
      await moveGoLive('2027-06-15');
      testApp.app.get(Clock).set('2026-12-03T08:00:00Z');
      const moved = await read();
      expect(moved).toContain(`UID:${milestone.id}@jalon.milestone`);
      expect(sequenceOf(moved, milestone.id)).toBe('1');
      expect(/DTSTAMP:(\S+)/.exec(moved)?.[1]).not.toBe(stamp);
      expect(sequenceOf(await read(), milestone.id)).toBe('1');
    });

    it('should keep the token out of the request log', async () => {
      const url = ((await viewer.get(`/api/projects/${projectId}/plan/calendar-feed`).expect(200)).body as { url: string }).url;
      const token = feedPath(url).split('/')[3]!;
      const logged = jest.spyOn(Logger.prototype, 'log');
      try {
        await request(testApp.app.getHttpServer()).get(feedPath(url)).expect(200);
        await new Promise((resolve) => setImmediate(resolve)); // the line is written on 'finish'
        const lines = logged.mock.calls.map((call) => JSON.stringify(call));
        expect(lines.some((line) => line.includes('/api/calendar/[redacted]/projects/'))).toBe(true);
        expect(lines.filter((line) => line.includes(token))).toEqual([]);
      } finally {
        logged.mockRestore();
      }
      expect(redactFeedToken(`/api/calendar/0123abcd/projects/${projectId}/milestones.ics`)).toBe(
        `/api/calendar/[redacted]/projects/${projectId}/milestones.ics`,
      );
      expect(redactFeedToken(`/api/projects/${projectId}/plan/calendar-feed`)).toBe(`/api/projects/${projectId}/plan/calendar-feed`);
    });

    it('should reset the caller’s token: the old URL stops working, the new one works', async () => {
      const before = ((await pm.get(`/api/projects/${projectId}/plan/calendar-feed`).expect(200)).body as { url: string }).url;
      const reset = await pm.post(`/api/projects/${projectId}/plan/calendar-feed/reset`);
      expect(reset.status).toBe(200);
      const after = (reset.body as { url: string }).url;
      expect(after).not.toBe(before);
      expect(after.startsWith(`${PUBLIC_URL}/api/calendar/`)).toBe(true);
      expect((await request(testApp.app.getHttpServer()).get(feedPath(before))).status).toBe(404);
      expect((await request(testApp.app.getHttpServer()).get(feedPath(after))).status).toBe(200);
      expect(((await pm.get(`/api/projects/${projectId}/plan/calendar-feed`).expect(200)).body as { url: string }).url).toBe(after);
      // Someone else's feed is untouched.
      const viewerUrl = ((await viewer.get(`/api/projects/${projectId}/plan/calendar-feed`).expect(200)).body as { url: string }).url;
      expect((await request(testApp.app.getHttpServer()).get(feedPath(viewerUrl))).status).toBe(200);
    });
  });
});
