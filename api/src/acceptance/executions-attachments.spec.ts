import { ATTACHMENT_MAX_BYTES } from '@jalon/domain';
import { ApiRefusal } from '../common/api-errors';
import { checkAttachment, safeFileName, sniffContentType, type UploadedAttachment } from './executions-attachments';

const file = (content: Buffer, originalname: string): UploadedAttachment => ({ originalname, mimetype: 'image/png', size: content.length, buffer: content });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiRefusal) return error.body;
    throw error;
  }
  throw new Error('not refused');
};

describe('attachments told by their content', () => {
  it('should recognise PNG, JPEG, GIF, WebP, PDF and plain text by their first bytes', () => {
    expect(sniffContentType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffContentType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('image/gif');
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('2027-03-10 09:12 ERROR délai dépassé\r\n\tà la ligne\n'))).toBe('text/plain');
  });

  it('should refuse what is none of them: binaries, invalid UTF-8, control characters', () => {
    expect(sniffContentType(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeNull();
    expect(sniffContentType(Buffer.from([0x41, 0xc3, 0x28]))).toBeNull();
    expect(sniffContentType(Buffer.from('text\u0000with NUL'))).toBeNull();
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
  });

  it('should require the name’s extension to agree with the content', () => {
    expect(checkAttachment(file(Buffer.from('89504e470d0a1a0a0000', 'hex'), 'Capture.PNG')).contentType).toBe('image/png');
    expect(checkAttachment(file(Buffer.from('log line\n'), 'trace.log')).contentType).toBe('text/plain');
    const textAsPng = refusal(() => checkAttachment(file(Buffer.from('not an image'), 'capture.png')));
    expect(textAsPng).toMatchObject({ statusCode: 415, code: 'attachment_type_refused', fields: [{ field: 'file' }] });
    const pngAsText = refusal(() => checkAttachment(file(Buffer.from('89504e470d0a1a0a0000', 'hex'), 'notes.txt')));
    expect(pngAsText).toMatchObject({ statusCode: 415, code: 'attachment_type_refused' });
    expect(refusal(() => checkAttachment(file(Buffer.from('%PDF-1.4'), 'sans-extension')))).toMatchObject({ statusCode: 415 });
  });

  it('should refuse a missing, empty or oversize file naming the field', () => {
    expect(refusal(() => checkAttachment(undefined))).toMatchObject({ statusCode: 400, fields: [{ field: 'file' }] });
    expect(refusal(() => checkAttachment(file(Buffer.alloc(0), 'vide.txt')))).toMatchObject({ statusCode: 400, fields: [{ field: 'file' }] });
    expect(refusal(() => checkAttachment(file(Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x61), 'long.txt')))).toMatchObject({
      statusCode: 413,
      code: 'attachment_too_large',
    });
  });

  it('should keep only a safe base name', () => {
    expect(safeFileName('C:\\Users\\julien\\capture écran.png')).toBe('capture écran.png');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a"b<c>.txt')).toBe('a_b_c_.txt');
    expect(safeFileName('')).toBe('piece-jointe');
  });
});
