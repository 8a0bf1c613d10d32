import { actionsToCarry, isActionOverdue, nextMeetingOfSeries } from './actions';
import { canTransition, acceptsOutcomes, isMinutesFrozen } from './lifecycle';

describe('carry-over', () => {
  const meeting = (id: string, startsAt: string, status = 'brouillon', seriesId: string | null = 's1') => ({ id, seriesId, startsAt: new Date(startsAt), status });

  it('goes to the next meeting of the same series, skipping cancelled and closed ones and other series', () => {
    const closing = meeting('m1', '2027-01-05T09:00:00Z', 'en_cours');
    const others = [
      meeting('m0', '2026-12-01T09:00:00Z', 'cloturee'),
      meeting('x', '2027-01-06T09:00:00Z', 'brouillon', 's2'),
      meeting('m2', '2027-02-02T09:00:00Z', 'annulee'),
      meeting('m4', '2027-04-06T08:00:00Z'),
      meeting('m3', '2027-03-02T09:00:00Z', 'convoquee'),
    ];
    expect(nextMeetingOfSeries(closing, others)?.id).toBe('m3');
    expect(nextMeetingOfSeries({ ...closing, seriesId: null }, others)).toBeNull();
    expect(nextMeetingOfSeries(meeting('last', '2027-05-01T09:00:00Z'), others)).toBeNull();
  });

  it('carries the actions not done nor dropped', () => {
    const actions = [
      { id: 'a', status: 'a_faire' as const },
      { id: 'b', status: 'en_cours' as const },
      { id: 'c', status: 'faite' as const },
      { id: 'd', status: 'abandonnee' as const },
    ];
    expect(actionsToCarry(actions).map((action) => action.id)).toEqual(['a', 'b']);
  });

  it('calls an undone action past its due date overdue', () => {
    expect(isActionOverdue({ status: 'a_faire', dueDate: '2027-01-04' }, '2027-01-05')).toBe(true);
    expect(isActionOverdue({ status: 'en_cours', dueDate: '2027-01-05' }, '2027-01-05')).toBe(false);
    expect(isActionOverdue({ status: 'faite', dueDate: '2027-01-01' }, '2027-01-05')).toBe(false);
    expect(isActionOverdue({ status: 'a_faire', dueDate: null }, '2027-01-05')).toBe(false);
  });
});

describe('lifecycle', () => {
  it('goes brouillon → convoquee → en_cours → cloturee and no further', () => {
    expect(canTransition('brouillon', 'convoquee')).toBe(true);
    expect(canTransition('convoquee', 'en_cours')).toBe(true);
    expect(canTransition('en_cours', 'cloturee')).toBe(true);
    expect(canTransition('brouillon', 'cloturee')).toBe(false);
    expect(canTransition('brouillon', 'en_cours')).toBe(false);
    expect(canTransition('cloturee', 'en_cours')).toBe(false);
    expect(canTransition('en_cours', 'annulee')).toBe(false);
    expect(canTransition('annulee', 'brouillon')).toBe(true);
    expect(isMinutesFrozen('cloturee')).toBe(true);
    expect(acceptsOutcomes('en_cours')).toBe(true);
    expect(acceptsOutcomes('cloturee')).toBe(false);
    expect(acceptsOutcomes('annulee')).toBe(false);
  });
});
