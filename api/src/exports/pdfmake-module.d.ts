/** The part of pdfmake 0.3's server API that Jalon uses (the package ships no declarations). */
declare module 'pdfmake' {
  export interface PdfDocumentDefinition {
    pageSize?: string;
    pageOrientation?: 'portrait' | 'landscape';
    pageMargins?: number | [number, number, number, number];
    info?: { title?: string; author?: string; subject?: string; creator?: string; producer?: string };
    language?: string;
    content: unknown;
    header?: unknown;
    footer?: unknown;
    styles?: Record<string, Record<string, unknown>>;
    defaultStyle?: Record<string, unknown>;
  }
  interface PdfMakeServer {
    readonly virtualfs: { writeFileSync(name: string, content: Buffer): void };
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: PdfDocumentDefinition): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: PdfMakeServer;
  export default pdfmake;
}
