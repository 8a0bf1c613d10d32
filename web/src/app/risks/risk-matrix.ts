import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import {
  RISK_LEVELS,
  levelLabel,
  matrixCells,
  matrixMoveKey,
  matrixMoves,
  type AssessmentKind,
  type MatrixCell,
  type RiskBand,
  type RiskDto,
  type RiskLevel,
  type RiskSettingsDto,
} from '@jalon/risks';
import { LanguageService } from '../core/language';

/** Cell colours by band, chosen for a contrast of at least 4.5:1 with the dark text of the chips. */
export const BAND_COLOURS: Record<RiskBand, string> = {
  low: '#cfe8d2',
  medium: '#fbe6a6',
  high: '#f9c49a',
  critical: '#f4a6a0',
};

const CELL = 100;
const MAX_CHIPS = 6;
/** Pixels: beyond this an arrow's head (sized by its stroke) would hide the chips. */
const MAX_ARROW_WIDTH = 4.5;
/** Box units between the two arrows of opposite moves between the same cells. */
const REVERSE_OFFSET = 7;

interface DrawnCell {
  probability: RiskLevel;
  impact: RiskLevel;
  band: RiskBand;
  risks: RiskDto[];
  label: string;
}

/**
 * The 5 × 5 heatmap: probability upwards, impact across, cells coloured by band, each cell listing
 * its risks as chips. Clicking a cell filters the register; arrows show the moves between the two
 * latest reviews, from the old cell to the new one.
 */
@Component({
  selector: 'jalon-risk-matrix',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <div class="matrix-wrap">
      <div class="y-axis" aria-hidden="true">{{ 'risks.matrix.probability' | translate }}</div>
      <div class="grid-area">
        <div class="grid" role="table" [attr.aria-label]="'risks.matrix.label' | translate" data-testid="risk-matrix">
          <div class="rows" role="rowgroup">
          @for (row of rows(); track $index) {
            <div class="row" role="row">
              <div class="level y" role="rowheader">{{ row[0]!.probability }} · {{ probabilityLabel(row[0]!.probability) }}</div>
              @for (cell of row; track cell.impact) {
                <div role="cell" class="cell" [class.selected]="isSelected(cell)" [style.background]="colours[cell.band]"
                  [attr.data-testid]="'cell-' + cell.probability + '-' + cell.impact" [attr.data-band]="cell.band">
                  <button type="button" class="cell-button" [attr.aria-label]="cell.label" [attr.aria-pressed]="isSelected(cell)"
                    (click)="cellClicked.emit(isSelected(cell) ? null : { probability: cell.probability, impact: cell.impact })"></button>
                  <div class="chips">
                    @for (risk of cell.risks.slice(0, maxChips); track risk.id) {
                      <button type="button" class="chip" [class.materialising]="risk.materialising.length > 0"
                        [attr.data-testid]="'chip-' + risk.reference" [title]="risk.title" (click)="riskClicked.emit(risk)">{{ risk.reference }}</button>
                    }
                    @if (cell.risks.length > maxChips) {
                      <span class="more">{{ 'risks.matrix.more' | translate: { count: cell.risks.length - maxChips } }}</span>
                    }
                  </div>
                </div>
              }
            </div>
          }
          <svg class="arrows" [attr.viewBox]="'0 0 ' + size + ' ' + size" preserveAspectRatio="none" aria-hidden="true" data-testid="risk-arrows">
            <defs>
              <marker id="risk-arrow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#1d1b20" />
              </marker>
            </defs>
            @for (arrow of arrows(); track arrow.key) {
              <line [attr.x1]="arrow.x1" [attr.y1]="arrow.y1" [attr.x2]="arrow.x2" [attr.y2]="arrow.y2" stroke="#1d1b20" [attr.stroke-width]="arrow.width"
                vector-effect="non-scaling-stroke" marker-end="url(#risk-arrow-head)" [attr.data-testid]="'arrow-' + arrow.key" [attr.data-risks]="arrow.references" />
            }
          </svg>
          <div class="arrow-counts" aria-hidden="true">
            @for (arrow of arrows(); track arrow.key) {
              @if (arrow.count > 1) {
                <span class="arrow-count" [style.left.%]="arrow.labelLeft" [style.top.%]="arrow.labelTop" [attr.data-testid]="'arrow-count-' + arrow.key">{{ arrow.count }}</span>
              }
            }
          </div>
          </div>
          <div class="row axis" aria-hidden="true">
            <div class="level y"></div>
            @for (impact of levels; track impact) {
              <div class="level x">{{ impact }} · {{ impactLabel(impact) }}</div>
            }
          </div>
        </div>
        <div class="x-axis" aria-hidden="true">{{ 'risks.matrix.impact' | translate }}</div>
      </div>
    </div>
    <div class="legend" data-testid="risk-legend">
      <span class="legend-title">{{ 'risks.matrix.legend' | translate }}</span>
      @for (band of settings().bands; track band.band) {
        <span class="legend-item"><span class="swatch" [style.background]="colours[band.band]"></span>
          {{ 'risks.matrix.legendBand' | translate: { band: ('risks.bands.' + band.band | translate), min: band.min, max: band.max } }}</span>
      }
      <span class="legend-item">→ {{ 'risks.matrix.arrows' | translate }}</span>
    </div>
  `,
  styles: `
    :host { display: block; }
    .matrix-wrap { display: flex; align-items: stretch; gap: 4px; }
    .y-axis { writing-mode: vertical-rl; transform: rotate(180deg); text-align: center; font: var(--mat-sys-label-large); }
    .grid-area { flex: 1; min-width: 0; }
    .grid { display: block; }
    .rows { position: relative; }
    .rows .row { height: 76px; }
    .row { display: grid; grid-template-columns: 112px repeat(5, minmax(0, 1fr)); }
    .level { font: var(--mat-sys-label-medium); color: #1d1b20; display: flex; align-items: center; padding: 4px; }
    .level.x { justify-content: center; text-align: center; }
    .cell { position: relative; border: 1px solid #fff; padding: 4px; overflow: hidden; }
    .cell.selected { outline: 3px solid #1d1b20; outline-offset: -3px; }
    .cell-button { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; background: transparent; cursor: pointer; }
    .cell-button:focus-visible { outline: 3px solid #1a4fa3; outline-offset: -3px; }
    .chips { position: relative; display: flex; flex-wrap: wrap; gap: 3px; pointer-events: none; }
    .chip { pointer-events: auto; border: 1px solid #1d1b20; border-radius: 10px; background: #fff; color: #1d1b20;
      font: 600 11px/16px system-ui, sans-serif; padding: 0 6px; cursor: pointer; }
    .chip.materialising { border-width: 2px; border-style: dashed; border-color: #8a1c12; }
    .chip:focus-visible { outline: 2px solid #1a4fa3; }
    .more { font: 600 11px/16px system-ui, sans-serif; color: #1d1b20; }
    .x-axis { text-align: center; font: var(--mat-sys-label-large); margin-left: 112px; }
    .arrows, .arrow-counts { position: absolute; top: 0; left: 112px; width: calc(100% - 112px); height: 100%; pointer-events: none; }
    .arrow-count { position: absolute; transform: translate(-50%, -50%); background: #fff; color: #1d1b20; border: 1px solid #1d1b20;
      border-radius: 8px; padding: 0 5px; font: 600 11px/15px system-ui, sans-serif; }
    .legend { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-top: 12px; font: var(--mat-sys-body-small); }
    .legend-title { font-weight: 600; }
    .legend-item { display: inline-flex; align-items: center; gap: 6px; }
    .swatch { width: 14px; height: 14px; border-radius: 3px; border: 1px solid #79747e; }
  `,
})
export class RiskMatrix {
  readonly risks = input.required<RiskDto[]>();
  readonly settings = input.required<RiskSettingsDto>();
  readonly kind = input<AssessmentKind>('residual');
  readonly selected = input<MatrixCell | null>(null);
  readonly cellClicked = output<MatrixCell | null>();
  readonly riskClicked = output<RiskDto>();

  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  protected readonly colours = BAND_COLOURS;
  protected readonly levels = RISK_LEVELS;
  protected readonly maxChips = MAX_CHIPS;
  protected readonly size = CELL * 5;

  protected probabilityLabel(level: number): string {
    return levelLabel('probability', level, this.language.current(), this.settings().labels);
  }

  protected impactLabel(level: number): string {
    return levelLabel('impact', level, this.language.current(), this.settings().labels);
  }

  /** Five rows, probability 5 first, each with five cells, impact 1 first. */
  protected readonly rows = computed((): DrawnCell[][] => {
    const kind = this.kind();
    this.language.current();
    const byCell = new Map<string, RiskDto[]>();
    for (const risk of this.risks()) {
      const key = `${risk[kind].probability}-${risk[kind].impact}`;
      const list = byCell.get(key);
      if (list) list.push(risk);
      else byCell.set(key, [risk]);
    }
    const rows: DrawnCell[][] = [];
    for (const cell of matrixCells(this.settings().bands)) {
      const risks = byCell.get(`${cell.probability}-${cell.impact}`) ?? [];
      const drawn: DrawnCell = {
        probability: cell.probability,
        impact: cell.impact,
        band: cell.band,
        risks,
        label: this.translate.instant('risks.matrix.cell', {
          probability: cell.probability,
          probabilityLabel: this.probabilityLabel(cell.probability),
          impact: cell.impact,
          impactLabel: this.impactLabel(cell.impact),
          count: risks.length,
          band: this.translate.instant(`risks.bands.${cell.band}`),
        }),
      };
      const row = rows[5 - cell.probability];
      if (row) row.push(drawn);
      else rows[5 - cell.probability] = [drawn];
    }
    return rows;
  });

  /**
   * One arrow per move between two cells (`matrixMoves`), in a 500 × 500 box over the five rows (the
   * axis row sits below it): thicker and labelled with its count when several risks made it, and
   * shifted aside when risks also moved the other way, so that both arrows show.
   */
  protected readonly arrows = computed(() => {
    const centre = (cell: MatrixCell) => ({ x: (cell.impact - 0.5) * CELL, y: (5 - cell.probability + 0.5) * CELL });
    return matrixMoves(this.risks(), this.kind()).map((move) => {
      const from = centre(move.from);
      const to = centre(move.to);
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const length = Math.hypot(dx, dy) || 1;
      const aside = move.hasReverse ? REVERSE_OFFSET : 0;
      const shift = { x: (-dy / length) * aside, y: (dx / length) * aside };
      // Stop short of the centre so the head does not cover the chips.
      const shorten = Math.min(30, length / 3);
      const x2 = to.x - (dx / length) * shorten + shift.x;
      const y2 = to.y - (dy / length) * shorten + shift.y;
      const x1 = from.x + shift.x;
      const y1 = from.y + shift.y;
      const count = move.references.length;
      return {
        key: matrixMoveKey(move),
        references: move.references.join(' '),
        count,
        width: Math.min(MAX_ARROW_WIDTH, 2.5 + 1.5 * Math.log2(count)),
        x1,
        y1,
        x2,
        y2,
        labelLeft: ((x1 + x2) / 2 / (CELL * 5)) * 100,
        labelTop: ((y1 + y2) / 2 / (CELL * 5)) * 100,
      };
    });
  });

  protected isSelected(cell: { probability: number; impact: number }): boolean {
    const selected = this.selected();
    return selected !== null && selected.probability === cell.probability && selected.impact === cell.impact;
  }
}
