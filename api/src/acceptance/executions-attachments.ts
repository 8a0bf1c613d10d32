import { createHash } from 'node:crypto';
import {
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { ATTACHMENT_MAX_BYTES, type AttachmentContentType } from '@jalon/domain';
import { ApiRefusal, fieldError, refuse } from '../common/api-errors';

/** What the multipart reader hands over for the `file` part (multer's memory storage). */
export interface UploadedAttachment {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}


/** multer's limits: one file part of at most ATTACHMENT_MAX_BYTES, no other field. */
export const ATTACHMENT_UPLOAD_LIMITS = { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 50 };

/** The extensions a name may end with, per content type. */
const EXTENSIONS: Record<AttachmentContentType, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log', 'text'],
};

const startsWith = (content: Buffer, bytes: readonly number[], offset = 0): boolean =>
  content.length >= offset + bytes.length && bytes.every((byte, index) => content[offset + index] === byte);
const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));

/** Control characters that have no place in a text log (tab, line feed, form feed, carriage return and escape pass). */
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001A\u001C-\u001F\u007F]/;

/**
 * The type of a file from its first bytes (magic numbers), never from its name or declared type:
 * PNG, JPEG, GIF, WebP, PDF, or plain text (valid UTF-8 without NUL or binary control characters).
 * Null for anything else (an executable, an SVG or HTML page is text, but see `attachmentType`).
 */
export function sniffContentType(content: Buffer): AttachmentContentType | null {
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(content, ascii('GIF87a')) || startsWith(content, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(content, ascii('RIFF')) && startsWith(content, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(content, ascii('%PDF-'))) return 'application/pdf';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
  return BINARY_CONTROL.test(text) ? null : 'text/plain';
}

const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
};

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f"<>|*?:]+/g, '_').trim().slice(-200) || 'piece-jointe';
}

/**
 * Checks an uploaded attachment: present, not empty, at most 5 MiB, of an accepted type recognised
 * by its content, and named with an extension of that type (a text file named .png is refused).
 */
export function checkAttachment(file: UploadedAttachment | undefined): { fileName: string; contentType: AttachmentContentType; sha256: string } {
  if (!file) throw fieldError(400, 'file', 'Send the attachment as the multipart part "file"');
  if (file.size === 0 || file.buffer.length === 0) throw fieldError(400, 'file', 'The attachment is empty');
  if (file.buffer.length > ATTACHMENT_MAX_BYTES) throw attachmentTooLarge();
  const fileName = safeFileName(file.originalname);
  const contentType = sniffContentType(file.buffer);
  if (!contentType) {
    throw fieldError(415, 'file', 'Only PNG, JPEG, GIF, WebP images, PDF documents and plain text logs are accepted (recognised by their content)', 'attachment_type_refused');
  }
  if (!EXTENSIONS[contentType].includes(extensionOf(fileName))) {
    throw fieldError(
      415,
      'file',
      `The content of ${fileName} is ${contentType}: its name must end with .${EXTENSIONS[contentType].join(' or .')}`,
      'attachment_type_refused',
    );
  }
  return { fileName, contentType, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}

export function attachmentTooLarge(): ApiRefusal {
  return refuse(413, 'attachment_too_large', `An attachment is at most ${ATTACHMENT_MAX_BYTES} bytes (5 MiB)`, {
    fields: [{ field: 'file', messages: [`file must be at most ${ATTACHMENT_MAX_BYTES} bytes`] }],
  });
}

/** Turns the multipart reader's refusals into the API's: 413 naming `file` for a file too large, 400 otherwise. */
@Injectable()
export class AttachmentUploadErrors implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof ApiRefusal) throw error;
        if (error instanceof PayloadTooLargeException) throw attachmentTooLarge();
        if (error instanceof Error && 'getStatus' in error && (error as { getStatus(): number }).getStatus() === 400) {
          throw fieldError(400, 'file', `The upload could not be read: ${error.message}; send one multipart part "file"`);
        }
        throw error;
      }),
    );
  }
}
