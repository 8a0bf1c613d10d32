import type { MatrixCell, RiskDto } from './contract';
import type { AssessmentKind } from './register';

/** The risks that moved from one cell of the matrix to another between the two latest reviews. */
export interface MatrixMove {
  from: MatrixCell;
  to: MatrixCell;
  /** The moved risks' references, in the register's order. */
  references: string[];
  /** True when some risks moved the other way between the same two cells. */
  hasReverse: boolean;
}

const cellKey = (cell: MatrixCell) => `${cell.probability}-${cell.impact}`;

/** `3-2-4-2`: from probability 3 × impact 2 to probability 4 × impact 2. */
export const matrixMoveKey = (move: { from: MatrixCell; to: MatrixCell }): string => `${cellKey(move.from)}-${cellKey(move.to)}`;

/**
 * One arrow per pair of cells, however many risks made that move: a register of a thousand risks
 * re-rated at a review draws a few dozen arrows that can be read, not a thousand stacked ones.
 */
export function matrixMoves(risks: readonly Pick<RiskDto, 'reference' | 'movement'>[], kind: AssessmentKind): MatrixMove[] {
  const moves = new Map<string, MatrixMove>();
  for (const risk of risks) {
    const movement = risk.movement[kind];
    if (!movement || cellKey(movement.from) === cellKey(movement.to)) continue;
    const key = matrixMoveKey(movement);
    const move = moves.get(key);
    if (move) move.references.push(risk.reference);
    else moves.set(key, { from: movement.from, to: movement.to, references: [risk.reference], hasReverse: false });
  }
  for (const move of moves.values()) move.hasReverse = moves.has(matrixMoveKey({ from: move.to, to: move.from }));
  return [...moves.values()];
}
