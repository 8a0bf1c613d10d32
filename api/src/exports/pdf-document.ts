import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// pdfmake ships no type declarations; the few shapes used here are declared in pdfmake-module.d.ts.
import pdfmake from 'pdfmake';
import type { PdfDocumentDefinition } from 'pdfmake';

let configured = false;

/** The font family to name in an SVG node's text (an ECharts chart rendered server-side). */
export const SVG_CHART_FONT = 'JalonChart';

/**
 * pdfmake with Roboto embedded from the files it ships (TrueType, every accent of French and
 * the rest of Latin, Greek and Cyrillic), read once into memory. The document may reach no
 * file and no URL: user text is only ever text.
 */
function printer(): typeof pdfmake {
  if (!configured) {
    // Read once into pdfmake's in-memory file system, where the document finds them by name.
    const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    const files = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf', 'Roboto-Italic.ttf', 'Roboto-MediumItalic.ttf'];
    for (const file of files) pdfmake.virtualfs.writeFileSync(`jalon-fonts/${file}`, readFileSync(join(fonts, file)));
    pdfmake.setFonts({
      Roboto: {
        normal: 'jalon-fonts/Roboto-Regular.ttf',
        bold: 'jalon-fonts/Roboto-Medium.ttf',
        italics: 'jalon-fonts/Roboto-Italic.ttf',
        bolditalics: 'jalon-fonts/Roboto-MediumItalic.ttf',
      },
      // Charts embedded as SVG (svg-to-pdfkit) open their font files from the real file system,
      // not from pdfmake's virtual one: the same Roboto files, by their installed paths.
      [SVG_CHART_FONT]: {
        normal: join(fonts, 'Roboto-Regular.ttf'),
        bold: join(fonts, 'Roboto-Medium.ttf'),
        italics: join(fonts, 'Roboto-Italic.ttf'),
        bolditalics: join(fonts, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    configured = true;
  }
  return pdfmake;
}

export type PaperFormat = 'A3' | 'A4';
export const PAPER_FORMATS: readonly PaperFormat[] = ['A3', 'A4'];

/** Renders a pdfmake document to a PDF file's bytes. */
export async function renderPdf(definition: PdfDocumentDefinition): Promise<Buffer> {
  return printer()
    .createPdf({ ...definition, defaultStyle: { font: 'Roboto', fontSize: 9, ...definition.defaultStyle } })
    .getBuffer();
}
