import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import {
  RISK_CATEGORIES,
  RISK_STATUSES,
  RISK_STRATEGIES,
  isCalendarDate,
  isRiskLevel,
  type RiskCategory,
  type RiskImportProblemCode,
  type RiskInput,
  type RiskStatus,
  type RiskStrategy,
} from '@jalon/risks';
import { fieldError } from '../common/api-errors';
import { CATEGORY_LABELS_FR, STATUS_LABELS_FR, STRATEGY_LABELS_FR } from './risk-labels';

/** A member the file may name as owner, by e-mail or by display name. */
export interface ImportMember {
  userId: string;
  email: string;
  displayName: string;
}

export interface ImportProblem {
  /** The column of the file (its French header). */
  column: string;
  /** What is wrong, for the web to say in the user's language (RiskImportProblemCode of @jalon/risks). */
  code: RiskImportProblemCode;
  /** The cell's text, when the problem is about it. */
  value?: string;
  message: string;
}

export interface ImportedRow {
  /** The row number in the sheet, as Excel shows it. */
  row: number;
  title: string;
  input: RiskInput | null;
  errors: ImportProblem[];
}

/** The columns, by the French headers of the export (so an exported register imports back). */
const COLUMNS = {
  title: 'Titre',
  category: 'Catégorie',
  description: 'Description',
  cause: 'Cause',
  consequence: 'Conséquence',
  owner: 'Responsable',
  proximity: 'Proximité',
  trigger: 'Signe avant-coureur',
  strategy: 'Stratégie',
  contingencyPlan: 'Plan de secours',
  status: 'Statut',
  occurredOn: 'Survenu le',
  inherentProbability: 'Probabilité inhérente',
  inherentImpact: 'Impact inhérent',
  residualProbability: 'Probabilité résiduelle',
  residualImpact: 'Impact résiduel',
  targetProbability: 'Probabilité cible',
  targetImpact: 'Impact cible',
} as const;
type ColumnKey = keyof typeof COLUMNS;
const REQUIRED: ColumnKey[] = ['title', 'category', 'inherentProbability', 'inherentImpact'];

const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .trim()
    .toLowerCase();

/** A French label or the code itself, case and accents aside. */
function lookup<T extends string>(text: string, codes: readonly T[], labels: Record<T, string>): T | null {
  const wanted = normalise(text);
  return codes.find((code) => normalise(code) === wanted || normalise(labels[code]) === wanted) ?? null;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

/**
 * A date cell of the file as 'YYYY-MM-DD': an Excel date (stored at midnight UTC, read by its UTC
 * day, never through a local time zone), or text written dd/mm/yyyy or yyyy-mm-dd.
 */
function calendarDate(value: ExcelJS.CellValue): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const text = cellText(value);
  if (text === '') return null;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : text;
  return isCalendarDate(iso) ? iso : undefined;
}

/** "3", 3 or "3 – Possible" (as the export writes it) all mean 3. */
function level(value: ExcelJS.CellValue): number | null | undefined {
  const text = cellText(value);
  if (text === '') return null;
  const match = /^(\d+)(?:\s*[–-].*)?$/.exec(text);
  const number = match ? Number(match[1]) : Number.NaN;
  return isRiskLevel(number) ? number : undefined;
}

async function readSheet(fileName: string, content: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (/\.csv$/i.test(fileName)) {
      const text = content.toString('utf8').replace(/^\uFEFF/, '');
      const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
      // French Excel writes CSV with semicolons.
      const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      return await workbook.csv.read(Readable.from([text]), { parserOptions: { delimiter } });
    }
    if (!/\.xlsx$/i.test(fileName)) throw new Error('not xlsx');
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw fieldError(400, 'file', 'The file cannot be read: send an .xlsx workbook or a .csv file (UTF-8)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fieldError(400, 'file', 'The workbook has no sheet');
  return sheet;
}

/**
 * Reads a risk register from an .xlsx or .csv file: finds the header row (the export's block
 * above it is skipped), checks the columns, and turns every row into a RiskInput or the list of
 * what is wrong with it, each problem naming its column. Nothing is written here.
 */
export async function readRiskFile(fileName: string, content: Buffer, members: ImportMember[]): Promise<ImportedRow[]> {
  const sheet = await readSheet(fileName, content);
  const wanted = new Map(Object.entries(COLUMNS).map(([key, header]) => [normalise(header), key as ColumnKey]));
  let headerRow = 0;
  const positions = new Map<ColumnKey, number>();
  for (let number = 1; number <= Math.min(sheet.rowCount, 15) && headerRow === 0; number++) {
    const row = sheet.getRow(number);
    const found = new Map<ColumnKey, number>();
    row.eachCell((cell, column) => {
      const key = wanted.get(normalise(cellText(cell.value)));
      if (key && !found.has(key)) found.set(key, column);
    });
    if (found.has('title')) {
      headerRow = number;
      for (const [key, column] of found) positions.set(key, column);
    }
  }
  const missing = REQUIRED.filter((key) => !positions.has(key)).map((key) => COLUMNS[key]);
  if (missing.length > 0) {
    throw fieldError(400, 'columns', `The file lacks the column(s) ${missing.map((name) => `« ${name} »`).join(', ')} (the headers of the export)`);
  }

  const byEmail = new Map(members.map((member) => [normalise(member.email), member.userId]));
  const byName = new Map(members.map((member) => [normalise(member.displayName), member.userId]));
  const rows: ImportedRow[] = [];
  for (let number = headerRow + 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const raw = (key: ColumnKey): ExcelJS.CellValue => (positions.has(key) ? row.getCell(positions.get(key)!).value : null);
    const text = (key: ColumnKey): string => cellText(raw(key));
    if ((Object.keys(COLUMNS) as ColumnKey[]).every((key) => text(key) === '')) continue; // blank line
    const errors: ImportProblem[] = [];
    const problem = (key: ColumnKey, code: RiskImportProblemCode, message: string, value?: string) =>
      errors.push({ column: COLUMNS[key], code, ...(value === undefined ? {} : { value }), message });

    const title = text('title');
    if (title === '') problem('title', 'empty', 'the title is empty');
    else if (title.length > 200) problem('title', 'too_long', 'the title is longer than 200 characters');
    const category = lookup(text('category'), RISK_CATEGORIES, CATEGORY_LABELS_FR);
    if (!category) problem('category', 'not_category', `« ${text('category')} » is not a category (${Object.values(CATEGORY_LABELS_FR).join(', ')})`, text('category'));
    const strategyText = text('strategy');
    const strategy = strategyText === '' ? 'reduce' : lookup(strategyText, RISK_STRATEGIES, STRATEGY_LABELS_FR);
    if (!strategy) problem('strategy', 'not_strategy', `« ${strategyText} » is not a strategy`, strategyText);
    else if (strategy === 'accept') problem('strategy', 'accept_not_imported', 'a risk is accepted in Jalon, with its justification, not by import');
    const statusText = text('status');
    const status = statusText === '' ? 'identified' : lookup(statusText, RISK_STATUSES, STATUS_LABELS_FR);
    if (!status) problem('status', 'not_status', `« ${statusText} » is not a status`, statusText);
    const ownerText = text('owner');
    const ownerUserId = ownerText === '' ? null : (byEmail.get(normalise(ownerText)) ?? byName.get(normalise(ownerText)) ?? undefined);
    if (ownerUserId === undefined) problem('owner', 'not_member', `« ${ownerText} » is not a member of this project`, ownerText);
    const proximity = calendarDate(raw('proximity'));
    if (proximity === undefined) problem('proximity', 'not_date', `« ${text('proximity')} » is not a date (dd/mm/yyyy)`, text('proximity'));
    const occurredOn = calendarDate(raw('occurredOn'));
    if (occurredOn === undefined) problem('occurredOn', 'not_date', `« ${text('occurredOn')} » is not a date (dd/mm/yyyy)`, text('occurredOn'));
    if (status === 'occurred' && !occurredOn) problem('occurredOn', 'occurred_date_missing', 'a risk that occurred needs the date it occurred');

    const pair = (probabilityKey: ColumnKey, impactKey: ColumnKey, required: boolean) => {
      const probability = level(raw(probabilityKey));
      const impact = level(raw(impactKey));
      for (const [key, value] of [[probabilityKey, probability], [impactKey, impact]] as const) {
        if (value === undefined) problem(key, 'not_level', `« ${text(key)} » is not a level from 1 to 5`, text(key));
        else if (value === null && required) problem(key, 'level_missing', 'the level is missing (1 to 5)');
      }
      return typeof probability === 'number' && typeof impact === 'number' ? { probability, impact } : undefined;
    };
    const inherent = pair('inherentProbability', 'inherentImpact', true);
    const residual = pair('residualProbability', 'residualImpact', false);
    const target = pair('targetProbability', 'targetImpact', false);

    const input: RiskInput | null =
      errors.length === 0 && inherent && category && strategy && status
        ? {
            title,
            category: category as RiskCategory,
            description: text('description'),
            cause: text('cause'),
            consequence: text('consequence'),
            ownerUserId: ownerUserId ?? null,
            proximity: proximity ?? null,
            trigger: text('trigger'),
            strategy: strategy as RiskStrategy,
            contingencyPlan: text('contingencyPlan'),
            status: status as RiskStatus,
            occurredOn: occurredOn ?? null,
            inherent,
            ...(residual ? { residual } : {}),
            ...(target ? { target } : {}),
          }
        : null;
    rows.push({ row: number, title, input, errors });
  }
  if (rows.length === 0) throw fieldError(400, 'file', 'The file has no risk under its header row');
  return rows;
}
