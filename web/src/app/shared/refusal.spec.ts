import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { EN } from '../../i18n/en';
import { FR } from '../../i18n/fr';
import { Notifier } from './notifier';
import { readRefusal } from './refusal';

const answer = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe(readRefusal.name, () => {
  it('should read the code, the fields, the current version and the tasks of an API refusal', () => {
    expect(
      readRefusal(
        answer(409, { statusCode: 409, code: 'stale_version', message: 'Stale', currentVersion: 4 }),
      ),
    ).toEqual({ status: 409, code: 'stale_version', fields: [], taskIds: [], currentVersion: 4 });
    expect(
      readRefusal(
        answer(400, { code: 'validation_failed', fields: [{ field: 'name', messages: ['x'] }, { field: 'targetGoLive', messages: [] }] }),
      ),
    ).toEqual({ status: 400, code: 'validation_failed', fields: ['name', 'targetGoLive'], taskIds: [] });
    expect(readRefusal(answer(422, { code: 'plan_cycle', taskIds: ['a', 'b', 3] })).taskIds).toEqual(['a', 'b']);
  });

  it('should derive a code from the status when the body has none, and treat anything else as unreachable', () => {
    expect(readRefusal(answer(403, { message: 'Forbidden' })).code).toBe('forbidden');
    expect(readRefusal(answer(404, 'Not Found')).code).toBe('not_found');
    expect(readRefusal(answer(503, null)).code).toBe('internal_error');
    expect(readRefusal(answer(0, null)).code).toBe('network');
    expect(readRefusal(new Error('boom')).code).toBe('network');
    // A code that is not an identifier (markup, text) is never used as a translation key.
    expect(readRefusal(answer(400, { code: '<b>x</b>' })).code).toBe('validation_failed');
  });
});

describe(Notifier.name, () => {
  let notifier: Notifier;
  let translate: TranslateService;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTranslateService({ fallbackLang: 'fr', lang: 'fr' })] });
    translate = TestBed.inject(TranslateService);
    translate.setTranslation('fr', FR);
    translate.setTranslation('en', EN);
    translate.use('fr');
    notifier = TestBed.inject(Notifier);
  });

  it('should say a refusal in French by its code, never with the API English message', () => {
    const message = notifier.describe(answer(409, { code: 'stale_version', message: 'Stale version, reload' }));
    expect(message).toBe(FR.errors.codes.stale_version);
    expect(message).not.toContain('reload');
  });

  it('should prefer the feature wording, then name the fields with their translated labels', () => {
    translate.setTranslation('fr', { demo: { errors: { plan_cycle: 'Boucle du planning' }, fields: { name: 'Nom' } } }, true);
    expect(notifier.describe(answer(422, { code: 'plan_cycle' }), { codes: 'demo.errors' })).toBe('Boucle du planning');
    expect(notifier.describe(answer(400, { code: 'validation_failed', fields: [{ field: 'name' }, { field: 'lag' }] }), { fields: 'demo.fields' })).toBe(
      `${FR.errors.codes.validation_failed} Vérifiez : « Nom », « lag ».`,
    );
  });

  it('should speak English on request and fall back to the status for an unknown code', () => {
    translate.use('en');
    expect(notifier.describe(answer(403, { code: 'forbidden' }))).toBe(EN.errors.codes.forbidden);
    expect(notifier.describe(answer(418, { code: 'brand_new_code' }))).toBe('The request failed (error 418).');
  });
});
