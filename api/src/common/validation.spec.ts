import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { INT4_MAX, IsName, outOfInt4 } from './validation';

class Named {
  @IsName(20)
  name!: string;
}

const problems = (name: unknown) => validateSync(plainToInstance(Named, { name })).map((error) => error.property);

describe(IsName.name, () => {
  it('should refuse names without a visible character or with control / bidi characters', () => {
    for (const name of ['', '   ', '\u0007', '\u200B\u200C', 'ab\u202Ecd', 'a\u0000b', 42, null]) expect(problems(name)).toEqual(['name']);
  });

  it('should accept and trim an ordinary name', () => {
    expect(problems('  Déploiement lot 1 ')).toEqual([]);
    expect(plainToInstance(Named, { name: '  Déploiement ' }).name).toBe('Déploiement');
  });
});

describe(outOfInt4.name, () => {
  it('should name the first number the database cannot store', () => {
    expect(outOfInt4({ tasks: [{ position: 1 }, { position: INT4_MAX + 1 }] }, '')).toBe('tasks.1.position');
    expect(outOfInt4({ lag: -Infinity }, '')).toBe('lag');
    expect(outOfInt4({ progress: 0.5, name: 'x' }, '')).toBeNull();
  });
});
