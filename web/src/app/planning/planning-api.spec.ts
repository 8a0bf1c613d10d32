import { HttpErrorResponse } from '@angular/common/http';
import { readRefusal } from './planning-api';

const answer = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe(readRefusal.name, () => {
  it('should tell a stale version, a cycle, a permission and a validation refusal apart', () => {
    expect(readRefusal(answer(409, { statusCode: 409, message: 'Stale', currentVersion: 4 }))).toEqual({ kind: 'stale', message: 'Stale' });
    expect(readRefusal(answer(422, { statusCode: 422, message: 'Cycle', code: 'cycle', taskIds: ['a', 'b'] }))).toEqual({
      kind: 'cycle',
      message: 'Cycle',
      taskIds: ['a', 'b'],
    });
    expect(readRefusal(answer(403, { statusCode: 403, message: 'Forbidden' })).kind).toBe('forbidden');
    expect(readRefusal(answer(400, { statusCode: 400, message: 'Bad', fields: [{ field: 'lag', messages: ['integer'] }] }))).toEqual({
      kind: 'invalid',
      message: 'Bad',
      fields: ['lag'],
    });
  });

  it('should call anything else a network failure', () => {
    expect(readRefusal(answer(0, null)).kind).toBe('network');
    expect(readRefusal(new Error('boom')).kind).toBe('network');
  });
});
