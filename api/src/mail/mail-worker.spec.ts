import { backoffMs } from './mail-worker';
import { headerSafe } from './mail-text';
import { isMailAddress } from './mail-outbox';

describe('mail worker rules', () => {
  it('should back off exponentially from one minute up to six hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(30)).toBe(6 * 3600_000);
  });

  it('should fold CR/LF and control characters of header values', () => {
    expect(headerSafe('COPIL\r\nBcc: evil@example.com')).toBe('COPIL Bcc: evil@example.com');
    expect(headerSafe('a\u2028b\u0000c')).toBe('a b c');
  });

  it('should accept only plain addresses', () => {
    expect(isMailAddress('sponsor@example.com')).toBe(true);
    expect(isMailAddress('a@b\r\nRCPT TO:<x@y.z>')).toBe(false);
    expect(isMailAddress('not an address')).toBe(false);
  });
});
