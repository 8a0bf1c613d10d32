/**
 * Building blocks of Jalon's mails. Every header value made from user text goes through
 * {@link headerSafe} (no CR / LF, so no header injection); every piece of HTML is built here from
 * escaped text, never from user markup.
 */

/** A header value with CR, LF and other line breaks or control characters folded to one space. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\u0085\u2028\u2029\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A block of a mail, rendered both as plain text and as HTML. */
export type MailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; rows: Array<[string, string]> }
  | { kind: 'link'; label: string; url: string };

export interface MailContent {
  subject: string;
  /** The project's name, shown above the body. */
  projectName: string | null;
  blocks: MailBlock[];
  footer: string;
}

const wrapList = (items: string[]) => items.map((item) => `  - ${item}`).join('\n');

export function renderText(content: MailContent): string {
  const parts: string[] = [];
  if (content.projectName) parts.push(content.projectName, '');
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'heading':
        parts.push(block.text, '-'.repeat(Math.min(block.text.length, 60)));
        break;
      case 'paragraph':
        parts.push(block.text, '');
        break;
      case 'list':
        parts.push(wrapList(block.items), '');
        break;
      case 'facts':
        parts.push(block.rows.map(([label, value]) => `${label} : ${value}`).join('\n'), '');
        break;
      case 'link':
        parts.push(`${block.label} : ${block.url}`, '');
        break;
    }
  }
  parts.push('-- ', content.footer);
  return parts.join('\n').replace(/\n{3,}/g, '\n\n');
}

export function renderHtml(content: MailContent, language: 'fr' | 'en'): string {
  const body: string[] = [];
  if (content.projectName) body.push(`<p style="color:#555;font-size:13px;margin:0 0 8px">${escapeHtml(content.projectName)}</p>`);
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'heading':
        body.push(`<h2 style="font-size:16px;margin:16px 0 8px">${escapeHtml(block.text)}</h2>`);
        break;
      case 'paragraph':
        body.push(`<p style="margin:0 0 12px">${escapeHtml(block.text).replace(/\n/g, '<br>')}</p>`);
        break;
      case 'list':
        body.push(`<ul style="margin:0 0 12px;padding-left:20px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
        break;
      case 'facts':
        body.push(
          `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">${block.rows
            .map(([label, value]) => `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;color:#555;font-weight:normal">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`)
            .join('')}</table>`,
        );
        break;
      case 'link':
        body.push(`<p style="margin:0 0 12px"><a href="${escapeHtml(block.url)}" style="color:#1a5fb4">${escapeHtml(block.label)}</a></p>`);
        break;
    }
  }
  return [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1b1b1f;margin:0;padding:16px;background:#fff">',
    ...body,
    `<p style="color:#777;font-size:12px;border-top:1px solid #ddd;padding-top:8px;margin-top:16px">${escapeHtml(content.footer)}</p>`,
    '</body></html>',
  ].join('\n');
}
