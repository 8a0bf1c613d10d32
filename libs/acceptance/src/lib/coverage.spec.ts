import { coverageCounts, coverageOf, passRate, progressByDay } from './coverage';

describe('coverageOf', () => {
  it('should say non couverte when no case checks the requirement', () => {
    expect(coverageOf([])).toBe('non_couverte');
  });

  it('should say non exécutée while a case has not run to its end and none failed', () => {
    expect(coverageOf([null])).toBe('non_executee');
    expect(coverageOf(['reussi', null])).toBe('non_executee');
    expect(coverageOf(['reussi', 'en_cours'])).toBe('non_executee');
    expect(coverageOf(['non_execute'])).toBe('non_executee');
  });

  it('should say OK only when every case passed', () => {
    expect(coverageOf(['reussi'])).toBe('ok');
    expect(coverageOf(['reussi', 'reussi'])).toBe('ok');
  });

  it('should say KO when any case failed or was blocked, whatever the others (the worst wins)', () => {
    expect(coverageOf(['reussi', 'echoue'])).toBe('ko');
    expect(coverageOf([null, 'bloque'])).toBe('ko');
    expect(coverageOf(['en_cours', 'reussi', 'echoue'])).toBe('ko');
  });

  it('should count requirements per state, every state present', () => {
    expect(coverageCounts(['ok', 'ko', 'ok', 'non_couverte'])).toEqual({ non_couverte: 1, non_executee: 0, ok: 2, ko: 1 });
  });
});

describe('passRate', () => {
  it('should be the share of finished cases that passed, without the unfinished ones', () => {
    expect(passRate(['reussi', 'reussi', 'echoue', null, 'en_cours'])).toBe(66.7);
    expect(passRate(['reussi', 'bloque'])).toBe(50);
  });

  it('should be null when nothing finished', () => {
    expect(passRate([])).toBeNull();
    expect(passRate([null, 'en_cours'])).toBeNull();
  });
});

describe('progressByDay', () => {
  it('should plan linearly over the period and count the run cases day by day up to today', () => {
    const progress = progressByDay(
      { startDate: '2027-03-01', endDate: '2027-03-04' },
      8,
      new Map([
        ['2027-02-27', 1],
        ['2027-03-01', 2],
        ['2027-03-03', 3],
      ]),
      '2027-03-03',
    );
    expect(progress).toEqual([
      { date: '2027-03-01', planned: 2, run: 3 },
      { date: '2027-03-02', planned: 4, run: 3 },
      { date: '2027-03-03', planned: 6, run: 6 },
      { date: '2027-03-04', planned: 8, run: null },
    ]);
  });

  it('should count cases run after the period on its last day, and cross months and a DST change', () => {
    const progress = progressByDay({ startDate: '2027-03-27', endDate: '2027-04-01' }, 3, new Map([['2027-04-05', 2]]), '2027-04-10');
    expect(progress.map((day) => day.date)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01']);
    expect(progress.at(-1)).toEqual({ date: '2027-04-01', planned: 3, run: 2 });
    expect(progress[0]).toEqual({ date: '2027-03-27', planned: 1, run: 0 });
  });

  it('should draw nothing for an inverted period', () => {
    expect(progressByDay({ startDate: '2027-03-05', endDate: '2027-03-01' }, 3, new Map(), '2027-03-01')).toEqual([]);
  });
});
