import { cellProblem, parseCell } from './task-table';

describe(cellProblem.name, () => {
  it('should say why "abc" and "-3" are refused instead of ignoring them', () => {
    expect(cellProblem('duration', 'abc')).toBe('notANumber');
    expect(cellProblem('duration', '-3')).toBe('negative');
    expect(cellProblem('progress', 'abc')).toBe('notANumber');
    expect(cellProblem('progress', '-3')).toBe('percentRange');
    expect(cellProblem('progress', '101')).toBe('percentRange');
    expect(cellProblem('name', '   ')).toBe('nameRequired');
  });

  it('should refuse half days in a duration, the engine counting whole working days', () => {
    expect(cellProblem('duration', '2,5')).toBe('wholeDays');
    expect(cellProblem('duration', '2.5 j')).toBe('wholeDays');
    expect(cellProblem('duration', '10000')).toBe('tooLong');
  });

  it('should accept what a French user types', () => {
    expect(cellProblem('duration', '12 j')).toBeNull();
    expect(cellProblem('progress', '12,5 %')).toBeNull();
    expect(cellProblem('owner', '')).toBeNull();
  });
});

describe(parseCell.name, () => {
  it('should read the French decimal comma where a decimal makes sense, and round to the API\'s whole percent', () => {
    expect(parseCell('progress', '12,5 %')).toEqual({ progress: 13 });
    expect(parseCell('progress', '2,4')).toEqual({ progress: 2 });
    expect(parseCell('duration', '5 jours')).toEqual({ duration: 5 });
    expect(parseCell('duration', '2,5')).toBeNull();
    expect(parseCell('duration', '')).toBeNull();
  });
});
