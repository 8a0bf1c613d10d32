import ExcelJS from 'exceljs';
import { frenchDate } from './calendar-date';

export type XlsxCellKind = 'text' | 'date' | 'integer' | 'decimal' | 'percent';
export type XlsxValue = string | number | boolean | null | undefined;

export interface XlsxColumn<Row> {
  header: string;
  /** Width in characters. */
  width: number;
  /** 'date' cells take 'YYYY-MM-DD' calendar dates and show dd/mm/yyyy. Default 'text'. */
  kind?: XlsxCellKind;
  value(row: Row): XlsxValue;
}

/** The block above the table: what, for which project, which go-live, exported when. */
export interface XlsxHeaderBlock {
  title: string;
  project: string;
  /** 'YYYY-MM-DD' */
  goLive: string | null;
  /** 'YYYY-MM-DD', the day of the export in Europe/Paris. */
  exportedOn: string;
  /** More label / value lines (e.g. the baseline the slippage is measured against). */
  lines?: Array<[label: string, value: string]>;
}

export interface XlsxSheet<Row> {
  name: string;
  header: XlsxHeaderBlock;
  columns: Array<XlsxColumn<Row>>;
  rows: readonly Row[];
  paper?: 'A4' | 'A3';
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 24 * 60 * 60 * 1000;
const NUMBER_FORMATS: Record<XlsxCellKind, string | undefined> = {
  text: undefined,
  date: 'dd/mm/yyyy',
  integer: '0',
  decimal: '0.0',
  percent: '0" %"',
};

/**
 * A calendar date as Excel stores dates: the serial day number, computed from the date's own
 * year, month and day (no Date in local time, so no time zone can move it by a day).
 */
export function excelSerialDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  return (Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - EXCEL_EPOCH) / DAY_MS;
}

/** `&` starts a code in Excel's header and footer texts. */
const footerText = (text: string): string => text.replace(/&/g, '&&');

/**
 * An Excel export in Jalon's house style, one call per sheet: the header block (title,
 * project, go-live, export date), a bold header row with filters that stays frozen on screen
 * and repeats on every printed page, real date cells, and a print setup in landscape fitted
 * to the page width with page numbers in the footer.
 */
export class XlsxWorkbook {
  private readonly workbook = new ExcelJS.Workbook();

  constructor(createdAt: Date) {
    this.workbook.creator = 'Jalon';
    this.workbook.created = createdAt;
    this.workbook.modified = createdAt;
  }

  addSheet<Row>(spec: XlsxSheet<Row>): ExcelJS.Worksheet {
    const header = spec.header;
    const lines: Array<[string, string | number | null]> = [
      ['Projet', header.project],
      ['Mise en production', header.goLive ? excelSerialDate(header.goLive) : null],
      ['Exporté le', excelSerialDate(header.exportedOn)],
      ...(header.lines ?? []),
    ];
    const tableRow = lines.length + 3; // title, the lines, one blank row, then the table
    const sheet = this.workbook.addWorksheet(spec.name.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: tableRow }],
      pageSetup: {
        paperSize: (spec.paper === 'A3' ? 8 : 9) as ExcelJS.PaperSize,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${tableRow}:${tableRow}`,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: {
        oddFooter: `&L${footerText(`${header.title} — ${header.project}`)}&RPage &P / &N`,
      },
    });
    spec.columns.forEach((column, index) => {
      sheet.getColumn(index + 1).width = column.width;
    });

    const title = sheet.getCell(1, 1);
    title.value = header.title;
    title.font = { bold: true, size: 14 };
    lines.forEach(([label, value], index) => {
      const row = sheet.getRow(index + 2);
      row.getCell(1).value = label;
      row.getCell(1).font = { bold: true };
      const cell = row.getCell(2);
      cell.value = value;
      if (typeof value === 'number') {
        cell.numFmt = 'dd/mm/yyyy';
        cell.alignment = { horizontal: 'left' };
      }
    });

    const headerRow = sheet.getRow(tableRow);
    spec.columns.forEach((column, index) => {
      const cell = headerRow.getCell(index + 1);
      cell.value = column.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAF6' } };
      cell.border = { bottom: { style: 'thin' } };
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    sheet.autoFilter = { from: { row: tableRow, column: 1 }, to: { row: tableRow, column: spec.columns.length } };

    spec.rows.forEach((item, rowIndex) => {
      const row = sheet.getRow(tableRow + 1 + rowIndex);
      spec.columns.forEach((column, index) => {
        const cell = row.getCell(index + 1);
        const value = column.value(item);
        const kind = column.kind ?? 'text';
        if (value === null || value === undefined || value === '') return;
        cell.value = kind === 'date' && typeof value === 'string' ? excelSerialDate(value) : value;
        const format = NUMBER_FORMATS[kind];
        if (format) cell.numFmt = format;
      });
    });
    return sheet;
  }

  async toBuffer(): Promise<Buffer> {
    return Buffer.from(await this.workbook.xlsx.writeBuffer());
  }
}

/** For messages and PDF cells: the same dd/mm/yyyy the sheets show. */
export { frenchDate };
