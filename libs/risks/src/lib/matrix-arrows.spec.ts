import type { MatrixCell, RiskDto } from './contract';
import { matrixMoveKey, matrixMoves } from './matrix-arrows';

const cell = (probability: number, impact: number) => ({ probability, impact }) as MatrixCell;
const moved = (reference: string, from: MatrixCell | null, to: MatrixCell | null, kind: 'inherent' | 'residual' = 'residual') =>
  ({
    reference,
    movement: { inherent: null, residual: null, target: null, [kind]: from && to ? { from, to } : null },
  }) as Pick<RiskDto, 'reference' | 'movement'>;

describe('matrixMoves', () => {
  it('should draw one move per pair of cells with every risk that made it, in the register order', () => {
    const moves = matrixMoves(
      [
        moved('R-001', cell(3, 2), cell(4, 2)),
        moved('R-002', cell(1, 1), cell(1, 2)),
        moved('R-003', cell(3, 2), cell(4, 2)),
        moved('R-004', null, null),
        moved('R-005', cell(3, 2), cell(4, 2)),
      ],
      'residual',
    );
    expect(moves).toEqual([
      { from: cell(3, 2), to: cell(4, 2), references: ['R-001', 'R-003', 'R-005'], hasReverse: false },
      { from: cell(1, 1), to: cell(1, 2), references: ['R-002'], hasReverse: false },
    ]);
    expect(matrixMoveKey(moves[0]!)).toBe('3-2-4-2');
  });

  it('should keep the two directions between the same cells apart and mark them', () => {
    const moves = matrixMoves([moved('R-001', cell(2, 2), cell(3, 3)), moved('R-002', cell(3, 3), cell(2, 2))], 'residual');
    expect(moves.map((move) => [matrixMoveKey(move), move.references, move.hasReverse])).toEqual([
      ['2-2-3-3', ['R-001'], true],
      ['3-3-2-2', ['R-002'], true],
    ]);
  });

  it('should read the asked assessment only and skip a move that stays in its cell', () => {
    const risks = [moved('R-001', cell(2, 2), cell(3, 3), 'inherent'), moved('R-002', cell(4, 4), cell(4, 4))];
    expect(matrixMoves(risks, 'residual')).toEqual([]);
    expect(matrixMoves(risks, 'inherent').map((move) => move.references)).toEqual([['R-001']]);
  });
});
