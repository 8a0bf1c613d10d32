import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import {
  ACCEPTANCE_REFERENCE_MAX,
  ACCEPTANCE_TEXT_MAX,
  ACCEPTANCE_TITLE_MAX,
  REQUIREMENT_IMPORT_FIELDS,
  REQUIREMENT_IMPORT_REQUIRED_FIELDS,
  type RequirementCategory,
  type RequirementConformity,
  type RequirementImportField,
  type RequirementImportMapping,
  type RequirementImportProblem,
  type RequirementImportProblemCode,
  type RequirementPriority,
  type RequirementStatus,
} from '@jalon/domain';
import {
  guessImportMapping,
  normaliseLabel,
  parseRequirementCategory,
  parseRequirementConformity,
  parseRequirementPriority,
  parseRequirementStatus,
  referenceKey,
} from '@jalon/acceptance';
import { fieldError, fieldErrors } from '../common/api-errors';
import { REFERENCE_PATTERN } from './dto/requirement.dto';

/** A requirement as a row of the file gives it, checked. */
export interface ImportedRequirement {
  reference: string;
  title: string;
  description: string;
  category: RequirementCategory;
  priority: RequirementPriority;
  lotId: string | null;
  conformity: RequirementConformity | null;
  status: RequirementStatus;
}

export interface ImportedRequirementRow {
  row: number;
  reference: string;
  title: string;
  input: ImportedRequirement | null;
  errors: RequirementImportProblem[];
}

export interface ReadRequirementFile {
  columns: string[];
  headerRow: number;
  mapping: RequirementImportMapping;
  /** Required fields no column feeds: nothing is checked until the mapping names them. */
  missingFields: RequirementImportField[];
  rows: ImportedRequirementRow[];
}

/** The most rows a file may hold (a CDC has hundreds of requirements, not tens of thousands). */
export const IMPORT_MAX_ROWS = 5000;
/** NUL and lone surrogates: PostgreSQL text cannot hold them. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const storable = (text: string): string => text.replace(new RegExp(UNSTORABLE.source, 'gu'), '');
/** How far down the header row is looked for (a title block may sit above it). */
const HEADER_SEARCH_ROWS = 15;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

async function readSheet(fileName: string, content: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (/\.csv$/i.test(fileName)) {
      const text = content.toString('utf8').replace(/^\uFEFF/, '');
      if (text.includes('\uFFFD')) throw new Error('not UTF-8');
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

/** The non-empty headers of a row, with their column numbers (the first of repeated headers wins). */
function headersOf(row: ExcelJS.Row): Map<string, number> {
  const headers = new Map<string, number>();
  row.eachCell((cell, column) => {
    const text = cellText(cell.value);
    if (text !== '' && !headers.has(text)) headers.set(text, column);
  });
  return headers;
}

/** The mapping sent, checked: known fields, headers of the file, one field per column. */
function checkMapping(sent: RequirementImportMapping, headers: Map<string, number>): RequirementImportMapping {
  const problems: Array<{ field: string; messages: string[] }> = [];
  const used = new Map<string, string>();
  for (const [field, header] of Object.entries(sent)) {
    if (!(REQUIREMENT_IMPORT_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: `mapping.${field}`, messages: [`${field} is not a field of a requirement (${REQUIREMENT_IMPORT_FIELDS.join(', ')})`] });
    } else if (header !== null && typeof header !== 'string') {
      problems.push({ field: `mapping.${field}`, messages: [`mapping.${field} must be a column header or null`] });
    } else if (typeof header === 'string' && !headers.has(header)) {
      problems.push({ field: `mapping.${field}`, messages: [`the file has no column « ${header} »`] });
    } else if (typeof header === 'string' && used.has(header)) {
      problems.push({ field: `mapping.${field}`, messages: [`the column « ${header} » already feeds ${used.get(header)}`] });
    } else if (typeof header === 'string') {
      used.set(header, field);
    }
  }
  if (problems.length > 0) throw fieldErrors(problems);
  return sent;
}

/**
 * Reads a grille de conformité: finds the header row (among the first 15 rows, the one holding
 * every column of the mapping sent, else the first whose headers name a title or a reference), takes the
 * mapping sent and completes it with the one guessed from the headers, then reads and checks every
 * row. `lots` are the plan's lots by name; `existing` the references already in the project.
 * Nothing is written here.
 */
export async function readRequirementFile(
  file: { fileName: string; content: Buffer },
  sentMapping: RequirementImportMapping | undefined,
  lots: ReadonlyArray<{ id: string; name: string }>,
  existing: ReadonlySet<string>,
): Promise<ReadRequirementFile> {
  const sheet = await readSheet(file.fileName, file.content);
  let headerRow = 0;
  let headers = new Map<string, number>();
  const sentHeaders = Object.values(sentMapping ?? {}).filter((header): header is string => typeof header === 'string');
  // The row holding every header the mapping names, else the first one whose headers name a title or a reference.
  const fitsSent = (found: Map<string, number>) => sentHeaders.length > 0 && sentHeaders.every((header) => found.has(header));
  const fitsGuess = (found: Map<string, number>) => {
    const guess = guessImportMapping([...found.keys()]);
    return Boolean(guess.title || guess.reference);
  };
  for (const fits of [fitsSent, fitsGuess]) {
    for (let number = 1; number <= Math.min(sheet.rowCount, HEADER_SEARCH_ROWS) && headerRow === 0; number++) {
      const found = headersOf(sheet.getRow(number));
      if (fits(found)) {
        headerRow = number;
        headers = found;
      }
    }
  }
  if (headerRow === 0) {
    throw fieldError(400, 'file', 'No header row found in the first 15 rows: the file needs columns such as « Référence », « Intitulé », « Priorité »');
  }
  const sent = checkMapping(sentMapping ?? {}, headers);
  const guessed = guessImportMapping([...headers.keys()].filter((header) => !Object.values(sent).includes(header)));
  const mapping: RequirementImportMapping = {};
  for (const field of REQUIREMENT_IMPORT_FIELDS) {
    const header = field in sent ? sent[field] : guessed[field];
    if (header) mapping[field] = header;
  }
  const columns = [...headers.keys()];
  const missingFields = REQUIREMENT_IMPORT_REQUIRED_FIELDS.filter((field) => !mapping[field]);
  if (missingFields.length > 0) return { columns, headerRow, mapping, missingFields, rows: [] };
  if (sheet.rowCount - headerRow > IMPORT_MAX_ROWS) {
    throw fieldError(400, 'file', `The file has more than ${IMPORT_MAX_ROWS} rows under its header: split it`);
  }

  const lotByName = new Map(lots.map((lot) => [normaliseLabel(lot.name), lot.id]));
  const firstRowOf = new Map<string, number>();
  const rows: ImportedRequirementRow[] = [];
  for (let number = headerRow + 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const text = (field: RequirementImportField): string => {
      const header = mapping[field];
      return header ? cellText(row.getCell(headers.get(header)!).value) : '';
    };
    if (REQUIREMENT_IMPORT_FIELDS.every((field) => text(field) === '')) continue; // blank line
    const errors: RequirementImportProblem[] = [];
    const problem = (field: RequirementImportField, code: RequirementImportProblemCode, message: string, value?: string) =>
      errors.push({ field, column: mapping[field] ?? field, code, ...(value === undefined ? {} : { value }), message });
    // Text the database cannot store (NUL, a lone surrogate) is a problem of its cell, never a 500.
    const unstorable = REQUIREMENT_IMPORT_FIELDS.filter((field) => UNSTORABLE.test(text(field)));
    if (unstorable.length > 0) {
      for (const field of unstorable) problem(field, 'invalid_text', 'the cell holds characters that cannot be stored (NUL or a broken character)');
      rows.push({ row: number, reference: storable(text('reference')), title: storable(text('title')), input: null, errors });
      continue;
    }

    const reference = text('reference');
    if (reference === '') problem('reference', 'empty', 'the reference is empty');
    else if (reference.length > ACCEPTANCE_REFERENCE_MAX) problem('reference', 'too_long', `the reference is longer than ${ACCEPTANCE_REFERENCE_MAX} characters`, reference);
    else if (!REFERENCE_PATTERN.test(reference)) problem('reference', 'invalid_text', 'the reference holds letters, digits, spaces and . _ / - only', reference);
    else {
      const key = referenceKey(reference);
      const first = firstRowOf.get(key);
      if (first !== undefined) problem('reference', 'duplicate_in_file', `the reference « ${reference} » is already on row ${first} of the file`, reference);
      else firstRowOf.set(key, number);
      if (existing.has(key)) problem('reference', 'duplicate_existing', `the project already has a requirement « ${reference} »`, reference);
    }
    const title = text('title');
    if (title === '') problem('title', 'empty', 'the title is empty');
    else if (title.length > ACCEPTANCE_TITLE_MAX) problem('title', 'too_long', `the title is longer than ${ACCEPTANCE_TITLE_MAX} characters`);
    else if (/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(title)) problem('title', 'invalid_text', 'the title holds control characters');
    const description = text('description');
    if (description.length > ACCEPTANCE_TEXT_MAX) problem('description', 'too_long', `the description is longer than ${ACCEPTANCE_TEXT_MAX} characters`);
    const categoryText = text('category');
    const category = categoryText === '' ? 'fonctionnelle' : parseRequirementCategory(categoryText);
    if (!category) problem('category', 'not_category', `« ${categoryText} » is not a category`, categoryText);
    const priorityText = text('priority');
    const priority = parseRequirementPriority(priorityText);
    if (priorityText === '') problem('priority', 'empty', 'the priority is empty (indispensable, souhaitable, facultatif)');
    else if (!priority) problem('priority', 'not_priority', `« ${priorityText} » is not a priority (indispensable, souhaitable, facultatif)`, priorityText);
    const conformityText = text('conformity');
    const conformity = conformityText === '' ? null : parseRequirementConformity(conformityText);
    if (conformityText !== '' && !conformity) problem('conformity', 'not_conformity', `« ${conformityText} » is not a conformity answer (standard, spécifique, non disponible)`, conformityText);
    const statusText = text('status');
    const status = statusText === '' ? 'brouillon' : parseRequirementStatus(statusText);
    if (!status) problem('status', 'not_status', `« ${statusText} » is not a status (brouillon, validée, obsolète)`, statusText);
    const lotText = text('lot');
    const lotId = lotText === '' ? null : (lotByName.get(normaliseLabel(lotText)) ?? undefined);
    if (lotId === undefined) problem('lot', 'unknown_lot', `« ${lotText} » is not a lot of the plan`, lotText);

    const input: ImportedRequirement | null =
      errors.length === 0 && category && priority && status && lotId !== undefined
        ? { reference, title, description, category, priority, lotId, conformity, status }
        : null;
    rows.push({ row: number, reference, title, input, errors });
  }
  if (rows.length === 0) throw fieldError(400, 'file', 'The file has no requirement under its header row');
  return { columns, headerRow, mapping, missingFields, rows };
}
