import type { PhaseDto, PlanSettingsDto } from '@jalon/domain';
import { phaseMoves, settingsChange, settingsErrors, settingsFieldOf, settingsForm } from './plan-structure';

const settings: PlanSettingsDto = {
  mode: 'backward',
  targetGoLive: '2027-05-19',
  projectStart: null,
  calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: ['2026-12-24'] },
  statusDate: null,
  version: 3,
};

describe('settingsForm / settingsChange', () => {
  it('should send nothing when nothing changed', () => {
    expect(settingsChange(settings, settingsForm(settings, '2026-09-01'))).toEqual({});
  });

  it('should send only the go-live when only the go-live moved', () => {
    const form = { ...settingsForm(settings, null), targetGoLive: '2027-06-02' };
    expect(settingsChange(settings, form)).toEqual({ targetGoLive: '2027-06-02' });
  });

  it('should switch to forward with the computed start, and back to today with an empty status date', () => {
    const form = settingsForm({ ...settings, statusDate: '2026-10-01' }, '2026-09-01');
    expect(form.projectStart).toBe('2026-09-01');
    expect(settingsChange({ ...settings, statusDate: '2026-10-01' }, { ...form, mode: 'forward', statusDate: '' })).toEqual({
      mode: 'forward',
      projectStart: '2026-09-01',
      statusDate: null,
    });
  });

  it('should send the calendar parts that changed, sorted and without duplicates', () => {
    const form = {
      ...settingsForm(settings, null),
      workingWeekdays: [6, 1, 2, 3, 4, 5],
      extraHolidays: ['2026-12-31', '2026-12-24', '2026-12-31'],
    };
    expect(settingsChange(settings, form)).toEqual({
      calendar: { workingWeekdays: [1, 2, 3, 4, 5, 6], extraHolidays: ['2026-12-24', '2026-12-31'] },
    });
    expect(settingsChange(settings, { ...settingsForm(settings, null), publicHolidays: 'none' })).toEqual({
      calendar: { publicHolidays: 'none' },
    });
  });
});

describe('settingsErrors', () => {
  it('should ask for a go-live backward, a start forward before the go-live, and one working day', () => {
    const form = settingsForm(settings, null);
    expect(settingsErrors(form)).toEqual({});
    expect(settingsErrors({ ...form, targetGoLive: '' })).toEqual({ targetGoLive: 'required' });
    expect(settingsErrors({ ...form, mode: 'forward', projectStart: '' })).toEqual({ projectStart: 'required' });
    expect(settingsErrors({ ...form, mode: 'forward', projectStart: '2027-06-01' })).toEqual({ projectStart: 'afterGoLive' });
    expect(settingsErrors({ ...form, workingWeekdays: [] })).toEqual({ workingWeekdays: 'oneDay' });
  });

  it('should map the fields the API names to the form', () => {
    expect(settingsFieldOf('calendar.workingWeekdays')).toBe('workingWeekdays');
    expect(settingsFieldOf('projectStart')).toBe('projectStart');
    expect(settingsFieldOf('calendar.extraHolidays.0')).toBe('extraHolidays');
    expect(settingsFieldOf('somethingElse')).toBeNull();
  });
});

describe('phaseMoves', () => {
  const phase = (id: string, position: number): PhaseDto => ({ id, name: id.toUpperCase(), position, version: 1 });

  it('should swap two distinct positions', () => {
    const phases = [phase('a', 0), phase('b', 5), phase('c', 9)];
    expect(phaseMoves(phases, 'c', -1).map(({ phase: p, position }) => [p.id, position])).toEqual([
      ['c', 5],
      ['b', 9],
    ]);
  });

  it('should renumber when positions are tied, patching only the phases that move', () => {
    const phases = [phase('a', 0), phase('b', 0), phase('c', 2)];
    // Shown order: A, B (tie broken by name), C; moving A down gives B, A, C.
    expect(phaseMoves(phases, 'a', 1).map(({ phase: p, position }) => [p.id, position])).toEqual([['a', 1]]);
  });

  it('should not move the first phase up nor the last one down', () => {
    const phases = [phase('a', 0), phase('b', 1)];
    expect(phaseMoves(phases, 'a', -1)).toEqual([]);
    expect(phaseMoves(phases, 'b', 1)).toEqual([]);
    expect(phaseMoves(phases, 'x', 1)).toEqual([]);
  });
});
