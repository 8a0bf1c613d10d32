/**
 * A Content-Disposition header for a download whose name may hold accents: an ASCII fallback
 * (`filename`, accents dropped, not turned into dashes) for old clients, and the exact name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), which every current browser prefers.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[«»\u201c\u201d]\s?|\s?[»\u201d]/g, '')
      .replace(/[\u00a0\u202f]/g, ' ')
      .replace(/Œ/g, 'OE')
      .replace(/œ/g, 'oe')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'export';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name made of free text (a project's name): no path separators, no control characters. */
export function fileNamePart(text: string): string {
  return (
    text
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'projet'
  );
}
