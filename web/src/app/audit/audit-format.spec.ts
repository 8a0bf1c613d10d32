import { changeLines, formatAuditValue, formatInstant, type ValueWords } from './audit-format';

const words: ValueWords = {
  yes: 'Oui',
  no: 'Non',
  empty: '(vide)',
  enumLabel: (field, value) => (field === 'weather' && value === 'stormy' ? 'Orageux' : null),
};

describe(formatAuditValue.name, () => {
  it('should write calendar dates as dd/mm/yyyy without any time-zone shift', () => {
    expect(formatAuditValue('actualStart', '2026-11-27', 'fr', words)).toBe('27/11/2026');
    expect(formatAuditValue('finish', '2026-12-28', 'en', words)).toBe('28/12/2026');
  });

  it('should write booleans, numbers, enumerations and empties for people', () => {
    expect(formatAuditValue('keyMilestone', true, 'fr', words)).toBe('Oui');
    expect(formatAuditValue('keyMilestone', false, 'fr', words)).toBe('Non');
    expect(formatAuditValue('duration', 2.5, 'fr', words)).toBe('2,5');
    expect(formatAuditValue('duration', 1200, 'en', words)).toBe('1,200');
    expect(formatAuditValue('weather', 'stormy', 'fr', words)).toBe('Orageux');
    expect(formatAuditValue('name', 'Atelier routage', 'fr', words)).toBe('Atelier routage');
    expect(formatAuditValue('notes', '', 'fr', words)).toBe('(vide)');
    expect(formatAuditValue('notes', null, 'fr', words)).toBeNull();
  });
});

describe(changeLines.name, () => {
  it('should leave out ids and bookkeeping, and keep what a reader needs', () => {
    const lines = changeLines(
      {
        fromTaskId: { before: null, after: '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10' },
        version: { before: 1, after: 2 },
        lag: { before: 0, after: 3 },
        actualStart: { before: null, after: '2026-11-27' },
        fixedDate: { before: null, after: null },
      },
      'fr',
      words,
    );
    expect(lines).toEqual([
      { field: 'lag', before: '0', after: '3' },
      { field: 'actualStart', before: null, after: '27/11/2026' },
    ]);
  });
});

describe(formatInstant.name, () => {
  it('should write an instant as dd/mm/yyyy HH:mm in French, in the reader’s zone', () => {
    const iso = '2026-11-30T13:05:00.000Z';
    const local = new Date(iso);
    const expected = `${String(local.getDate()).padStart(2, '0')}/11/2026 ${String(local.getHours()).padStart(2, '0')}:05`;
    expect(formatInstant(iso, 'fr')).toBe(expected);
    expect(formatInstant(iso, 'en')).toMatch(/^30 Nov 2026, \d{2}:05$/);
  });
});
