import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import {
  GO_NO_GO_DECISION_KINDS,
  READINESS_STATUSES,
  type CampaignCriteriaDto,
  type ChainVerificationDto,
  type CriterionEvidence,
  type GoNoGoCriterionConfig,
  type ReadinessEvidenceFileDto,
  type ReserveDto,
  type GoNoGoDecisionDto,
  type GoNoGoDecisionKind,
  type GoNoGoEvaluationDto,
  type GoNoGoOverviewDto,
  type ReadinessItemDto,
  type ReadinessStatus,
} from '@jalon/domain';
import { AuthService } from '../core/auth';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { GoNoGoApi } from './go-no-go-api';
import { LeveeDialog, type LeveeDialogData } from './levee-dialog';
import { SignDialog, type SignDialogData } from './sign-dialog';

/** An instant in Paris time, in the interface language (« 10 mars 2027 à 10:00 »). */
export function parisDateTime(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'medium' }).format(new Date(instant));
}

/** Where the page links a piece of evidence (relative to the project). */
function evidenceLink(evidence: CriterionEvidence): string[] {
  switch (evidence.kind) {
    case 'defect':
      return ['..', 'acceptance', 'defects'];
    case 'requirement':
      return ['..', 'acceptance', 'requirements'];
    case 'risk':
      return ['..', 'risks'];
    case 'readiness_item':
      return [];
  }
}

/**
 * The go / no-go of a project (issue 16): the readiness checklist, a campaign's criteria green or
 * red with their evidence, the decision proposed by the project manager, signed by the sponsor
 * and the key users with their password, the PV de recette and the verification of the chain.
 */
@Component({
  selector: 'jalon-go-no-go-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, TranslatePipe, CalendarDatePipe, PageHeader, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    <jalon-page-header [title]="'gonogo.title' | translate" [subtitle]="'gonogo.subtitle' | translate" />
    <div class="page">
      @if (overview(); as data) {
        @if (data.campaigns.length === 0) {
          <p class="empty">{{ 'gonogo.noCampaign' | translate }}</p>
        } @else {
          <mat-form-field class="campaign" subscriptSizing="dynamic">
            <mat-label>{{ 'gonogo.campaign' | translate }}</mat-label>
            <mat-select [value]="campaignId()" (valueChange)="selectCampaign($event)" data-testid="campaign-select">
              @for (campaign of data.campaigns; track campaign.id) {
                <mat-option [value]="campaign.id">{{ campaign.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      }

      @if (campaignId()) {
        <section class="card" data-testid="criteria">
          <header>
            <h2>{{ 'gonogo.criteria.title' | translate }}</h2>
            @if (criteria(); as current) {
              @if (current.lockedAt) {
                <span class="badge locked" data-testid="criteria-locked"><mat-icon>lock</mat-icon>{{ 'gonogo.criteria.lockedOn' | translate: { date: dateTime(current.lockedAt) } }}</span>
              } @else {
                <span class="badge">{{ 'gonogo.criteria.notLocked' | translate }}</span>
                @if (canPrepare()) {
                  <button mat-stroked-button type="button" (click)="lock()" [disabled]="criteriaDirty()" data-testid="criteria-lock">{{ 'gonogo.criteria.lock' | translate }}</button>
                }
              }
            }
          </header>
          @if (editable() && draft().length > 0) {
            <form class="criteria-edit" (ngSubmit)="saveCriteria()" data-testid="criteria-edit">
              <p class="hint">{{ 'gonogo.criteria.editHint' | translate }}</p>
              @for (criterion of draft(); track criterion.key; let index = $index) {
                <div class="criterion-edit">
                  <mat-checkbox [name]="'enabled-' + criterion.key" [ngModel]="criterion.enabled" (ngModelChange)="setEnabled(index, $event)" [attr.data-testid]="'criterion-enabled-' + criterion.key">
                    {{ 'gonogo.criteria.keys.' + criterion.key | translate: { threshold: criterion.threshold ?? 95 } }}
                  </mat-checkbox>
                  @if (criterion.key === 'pass_rate') {
                    <mat-form-field class="threshold" subscriptSizing="dynamic">
                      <mat-label>{{ 'gonogo.criteria.threshold' | translate }}</mat-label>
                      <input matInput type="number" min="0" max="100" step="1" name="threshold" [ngModel]="criterion.threshold ?? 95" (ngModelChange)="setThreshold(index, $event)" [disabled]="!criterion.enabled" data-testid="criterion-threshold" />
                    </mat-form-field>
                  }
                </div>
              }
              <div class="actions">
                <button mat-stroked-button type="submit" [disabled]="!criteriaDirty()" data-testid="criteria-save">{{ 'gonogo.criteria.save' | translate }}</button>
              </div>
            </form>
          }
          @if (evaluation(); as live) {
            <p class="verdict" [class.go]="live.allPassed" data-testid="evaluation-verdict">
              {{ (live.allPassed ? 'gonogo.criteria.allGreen' : 'gonogo.criteria.someRed') | translate }}
            </p>
            <ul class="criteria">
              @for (criterion of live.criteria; track criterion.key) {
                <li [class.green]="criterion.passed" [class.red]="!criterion.passed" [attr.data-testid]="'criterion-' + criterion.key">
                  <mat-icon aria-hidden="true">{{ criterion.passed ? 'check_circle' : 'cancel' }}</mat-icon>
                  <div>
                    <strong>{{ 'gonogo.criteria.keys.' + criterion.key | translate: { threshold: criterion.threshold } }}</strong>
                    <span class="state">{{ (criterion.passed ? 'gonogo.criteria.green' : 'gonogo.criteria.red') | translate }}</span>
                    @if (criterion.key === 'pass_rate') {
                      <span class="measure">{{ 'gonogo.criteria.measured' | translate: { value: percent(criterion.actual) } }}</span>
                    }
                    @if (criterion.evidence.length > 0) {
                      <ul class="evidence">
                        @for (evidence of criterion.evidence; track evidence.id) {
                          <li>
                            @if (evidence.kind === 'readiness_item') {
                              <a [href]="'#item-' + evidence.id">{{ evidence.label }}</a>
                            } @else {
                              <a [routerLink]="linkOf(evidence)">{{ evidence.label }}</a>
                            }
                          </li>
                        }
                      </ul>
                    }
                  </div>
                </li>
              }
            </ul>
          }
        </section>

        <section class="card" data-testid="decisions">
          <header>
            <h2>{{ 'gonogo.decision.title' | translate }}</h2>
          </header>
          @if (canPrepare() && !pendingDecision()) {
            <form class="propose" (ngSubmit)="propose()" data-testid="propose-form">
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ 'gonogo.decision.kind' | translate }}</mat-label>
                <mat-select name="kind" [(ngModel)]="kind">
                  @for (option of kinds; track option) {
                    <mat-option [value]="option">{{ 'gonogo.kinds.' + option | translate }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              @if (kind === 'go_reserves') {
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>{{ 'gonogo.decision.reserveDue' | translate }}</mat-label>
                  <input matInput type="date" name="reserveDue" [(ngModel)]="reserveDue" />
                </mat-form-field>
              }
              <mat-form-field class="grow" subscriptSizing="dynamic">
                <mat-label>{{ 'gonogo.decision.comment' | translate }}</mat-label>
                <input matInput name="comment" [(ngModel)]="comment" />
              </mat-form-field>
              <button mat-flat-button type="submit" data-testid="propose">{{ 'gonogo.decision.propose' | translate }}</button>
            </form>
          }
          @for (decision of decisions(); track decision.id) {
            <article class="decision" [attr.data-testid]="'decision-' + decision.status">
              <h3>
                {{ 'gonogo.kinds.' + decision.kind | translate }} —
                <span class="status">{{ 'gonogo.statuses.' + decision.status | translate }}</span>
              </h3>
              <p class="meta">
                {{ 'gonogo.decision.proposedBy' | translate: { name: decision.proposedByName, date: dateTime(decision.proposedAt) } }}
              </p>
              @if (decision.comment) {
                <p class="comment">{{ decision.comment }}</p>
              }
              <p class="hash">{{ 'gonogo.decision.hash' | translate }} <code>{{ decision.contentHash }}</code></p>
              @if (decision.reserves.length > 0) {
                <h4>{{ 'gonogo.decision.reserves' | translate }}</h4>
                <ul class="reserves">
                  @for (reserve of decision.reserves; track reserve.id) {
                    <li [class.overdue]="reserve.overdue">
                      {{ reserve.defectReference }} – {{ reserve.defectTitle }} · {{ reserve.ownerName }} ·
                      {{ 'gonogo.decision.due' | translate: { date: (reserve.dueDate | calendarDate: 'short' : language.current()) } }}
                      @if (reserve.leveeDate) {
                        · {{ 'gonogo.decision.lifted' | translate: { date: (reserve.leveeDate | calendarDate: 'short' : language.current()) } }}
                      } @else if (reserve.overdue) {
                        · <strong>{{ 'gonogo.decision.overdue' | translate }}</strong>
                      }
                      @if (!reserve.leveeDate && canPrepare() && decision.status === 'signee') {
                        <button mat-stroked-button type="button" class="small" (click)="lift(reserve)" [attr.data-testid]="'lift-' + reserve.defectReference">
                          {{ 'gonogo.levee.open' | translate }}
                        </button>
                      }
                    </li>
                  }
                </ul>
              }
              <h4>{{ 'gonogo.decision.signatures' | translate }}</h4>
              <table class="signatures" data-testid="signatures">
                <thead>
                  <tr>
                    <th scope="col">{{ 'gonogo.signature.name' | translate }}</th>
                    <th scope="col">{{ 'gonogo.signature.role' | translate }}</th>
                    <th scope="col">{{ 'gonogo.signature.date' | translate }}</th>
                    <th scope="col">{{ 'gonogo.signature.meaning' | translate }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (signer of decision.signers; track signer.userId) {
                    @let signature = signatureOf(decision, signer.userId);
                    <tr>
                      <td>{{ signature?.printedName ?? signer.name }}</td>
                      <td>{{ 'gonogo.roles.' + signer.role | translate }}</td>
                      <td>{{ signature ? dateTime(signature.signedAt) : ('gonogo.signature.awaiting' | translate) }}</td>
                      <td>
                        @if (signature) {
                          {{ 'gonogo.meanings.' + signature.role + '_' + signature.outcome | translate }}
                          @if (signature.refusalReason) {
                            — {{ signature.refusalReason }}
                          }
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
              @if (decision.addenda.length > 0) {
                <h4>{{ 'gonogo.addenda.title' | translate }}</h4>
                <p class="hint">{{ 'gonogo.addenda.hint' | translate }}</p>
                <table class="addenda" data-testid="addenda">
                  <thead>
                    <tr>
                      <th scope="col">{{ 'gonogo.addenda.when' | translate }}</th>
                      <th scope="col">{{ 'gonogo.addenda.case' | translate }}</th>
                      <th scope="col">{{ 'gonogo.addenda.change' | translate }}</th>
                      <th scope="col">{{ 'gonogo.addenda.by' | translate }}</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (addendum of decision.addenda; track addendum.id) {
                      <tr>
                        <td>{{ dateTime(addendum.changedAt) }}</td>
                        <td>{{ addendum.caseReference }} – {{ addendum.caseTitle }}</td>
                        <td>
                          @if (addendum.previousResult === null) {
                            {{ 'gonogo.addenda.newExecution' | translate: { result: ('gonogo.results.' + addendum.newResult | translate) } }}
                          } @else {
                            {{ 'gonogo.addenda.resultChanged' | translate: { previous: ('gonogo.results.' + addendum.previousResult | translate), result: ('gonogo.results.' + addendum.newResult | translate) } }}
                          }
                        </td>
                        <td>{{ addendum.changedByName ?? '—' }}</td>
                      </tr>
                    }
                  </tbody>
                </table>
              }
              <div class="actions">
                @if (mySignerRole(decision); as role) {
                  <button mat-flat-button type="button" (click)="sign(decision, role, 'approuve')" data-testid="sign">{{ 'gonogo.sign.open' | translate }}</button>
                  <button mat-stroked-button type="button" (click)="sign(decision, role, 'refuse')" data-testid="refuse">{{ 'gonogo.sign.refuse' | translate }}</button>
                }
                <a mat-stroked-button [href]="pvUrl(decision)" download data-testid="pv-download"><mat-icon>picture_as_pdf</mat-icon>{{ 'gonogo.decision.pv' | translate }}</a>
                <button mat-stroked-button type="button" (click)="verify(decision)" data-testid="verify"><mat-icon>verified</mat-icon>{{ 'gonogo.verify.button' | translate }}</button>
              </div>
              @if (verifications()[decision.id]; as result) {
                <p class="verification" [class.intact]="result.intact" role="status" data-testid="verification">
                  @if (result.intact) {
                    {{ 'gonogo.verify.intact' | translate: { count: result.signatures } }}
                  } @else {
                    {{ 'gonogo.verify.altered' | translate: { record: result.altered?.label } }}
                  }
                </p>
              }
            </article>
          } @empty {
            <p class="empty">{{ 'gonogo.decision.none' | translate }}</p>
          }
        </section>
      }

      <section class="card" data-testid="readiness">
        <header>
          <h2>{{ 'gonogo.readiness.title' | translate }}</h2>
          <span class="badge">{{ 'gonogo.readiness.progress' | translate: { done: readinessDone(), total: readiness().length } }}</span>
          @if (canPrepare() && readiness().length === 0) {
            <button mat-stroked-button type="button" (click)="applyTemplate()" data-testid="readiness-template">{{ 'gonogo.readiness.template' | translate }}</button>
          }
        </header>
        <table class="readiness">
          <thead>
            <tr>
              <th scope="col">{{ 'gonogo.readiness.item' | translate }}</th>
              <th scope="col">{{ 'gonogo.readiness.owner' | translate }}</th>
              <th scope="col">{{ 'gonogo.readiness.due' | translate }}</th>
              <th scope="col">{{ 'gonogo.readiness.status' | translate }}</th>
              <th scope="col">{{ 'gonogo.readiness.evidence' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (item of readiness(); track item.id) {
              <tr [id]="'item-' + item.id" [class.done]="item.status === 'fait'">
                <td>{{ item.label }}</td>
                <td>{{ item.ownerName ?? '—' }}</td>
                <td>{{ item.dueDate | calendarDate: 'short' : language.current() }}</td>
                <td>
                  @if (canPrepare()) {
                    <mat-select [value]="item.status" (valueChange)="setStatus(item, $event)" [attr.aria-label]="('gonogo.readiness.status' | translate) + ' – ' + item.label">
                      @for (status of statuses; track status) {
                        <mat-option [value]="status">{{ 'gonogo.readiness.statuses.' + status | translate }}</mat-option>
                      }
                    </mat-select>
                  } @else {
                    {{ 'gonogo.readiness.statuses.' + item.status | translate }}
                  }
                </td>
                <td>
                  {{ item.evidenceNote }}
                  @if (safeLink(item.evidenceLink); as link) {
                    <a [href]="link" target="_blank" rel="noopener noreferrer">{{ 'gonogo.readiness.link' | translate }}</a>
                  }
                  @if (item.evidenceFiles.length > 0) {
                    <ul class="files" [attr.data-testid]="'evidence-files-' + item.position">
                      @for (file of item.evidenceFiles; track file.id) {
                        <li>
                          <a [href]="file.url" download [attr.aria-label]="('gonogo.readiness.download' | translate) + ' ' + file.fileName"><mat-icon aria-hidden="true">attach_file</mat-icon>{{ file.fileName }}</a>
                          @if (canPrepare()) {
                            <button mat-icon-button type="button" class="tiny" (click)="deleteEvidence(item, file)" [attr.aria-label]="('gonogo.readiness.deleteFile' | translate) + ' ' + file.fileName" data-testid="evidence-delete">
                              <mat-icon>delete</mat-icon>
                            </button>
                          }
                        </li>
                      }
                    </ul>
                  }
                  @if (canPrepare()) {
                    <label class="upload">
                      <input type="file" accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log" (change)="upload(item, $event)" [attr.data-testid]="'evidence-upload-' + item.position" />
                      <mat-icon aria-hidden="true">upload_file</mat-icon><span>{{ 'gonogo.readiness.addFile' | translate }}</span>
                    </label>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </section>
    </div>
  `,
  styles: `
    .page { padding: 0 24px 24px; display: grid; gap: 16px; max-width: 1200px; }
    .campaign { width: 420px; max-width: 100%; }
    .card { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 16px; }
    .card header { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
    .card h2 { margin: 0; font: var(--mat-sys-title-medium); }
    .badge { display: inline-flex; align-items: center; gap: 4px; font: var(--mat-sys-label-medium); padding: 2px 8px; border-radius: 12px; background: var(--mat-sys-surface-container-high); }
    .badge mat-icon { font-size: 16px; width: 16px; height: 16px; }
    .verdict { font: var(--mat-sys-title-small); color: #b3261e; }
    .verdict.go { color: #1b6e35; }
    .criteria { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    .criteria > li { display: flex; gap: 8px; align-items: flex-start; }
    .criteria > li.green mat-icon { color: #1b6e35; }
    .criteria > li.red mat-icon { color: #b3261e; }
    .criteria .state { margin-left: 8px; font: var(--mat-sys-label-medium); }
    .criteria .measure { margin-left: 8px; }
    .evidence { margin: 4px 0 0; padding-left: 18px; }
    .propose { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 12px 0; }
    .propose .grow { flex: 1; min-width: 240px; }
    .decision { border-top: 1px solid var(--jalon-border); padding-top: 12px; margin-top: 12px; }
    .decision h3 { margin: 0 0 4px; font: var(--mat-sys-title-small); }
    .decision h4 { margin: 12px 0 4px; font: var(--mat-sys-label-large); }
    .hash code { font-size: 11px; word-break: break-all; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--jalon-border); vertical-align: top; }
    .readiness tr.done td:first-child { color: #1b6e35; }
    .reserves li.overdue { color: #b3261e; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 12px; }
    .verification { font: var(--mat-sys-title-small); color: #b3261e; }
    .verification.intact { color: #1b6e35; }
    .empty { color: var(--mat-sys-on-surface-variant); }
    .hint { color: var(--mat-sys-on-surface-variant); margin: 4px 0; }
    .criteria-edit { margin: 12px 0; display: grid; gap: 4px; }
    .criterion-edit { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
    .threshold { width: 140px; }
    .small { margin-left: 8px; }
    .files { list-style: none; padding: 0; margin: 4px 0; }
    .files li { display: flex; align-items: center; gap: 4px; }
    .files a { display: inline-flex; align-items: center; gap: 4px; }
    .files mat-icon, .upload mat-icon { font-size: 18px; width: 18px; height: 18px; }
    .tiny { --mat-icon-button-state-layer-size: 32px; padding: 4px; }
    .upload { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; color: var(--mat-sys-primary); margin-top: 4px; }
    .upload input { position: absolute; width: 1px; height: 1px; opacity: 0; }
    .upload:focus-within { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
  `,
})
export class GoNoGoPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(GoNoGoApi);
  private readonly context = inject(ProjectContext);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly dialogs = inject(Dialogs);
  private readonly translator = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly kinds = GO_NO_GO_DECISION_KINDS;
  protected readonly statuses = READINESS_STATUSES;

  protected readonly overview = signal<GoNoGoOverviewDto | null>(null);
  protected readonly campaignId = signal<string | null>(null);
  protected readonly criteria = signal<CampaignCriteriaDto | null>(null);
  protected readonly evaluation = signal<GoNoGoEvaluationDto | null>(null);
  protected readonly decisions = signal<GoNoGoDecisionDto[]>([]);
  protected readonly readiness = signal<ReadinessItemDto[]>([]);
  protected readonly verifications = signal<Record<string, ChainVerificationDto>>({});
  protected readonly canPrepare = computed(() => this.context.can('gonogo.prepare'));
  protected readonly readinessDone = computed(() => this.readiness().filter((item) => item.status === 'fait' || item.status === 'non_applicable').length);
  protected readonly pendingDecision = computed(() => this.decisions().some((decision) => decision.status === 'proposee'));
  /** The criteria being edited, before they are locked. */
  protected readonly draft = signal<GoNoGoCriterionConfig[]>([]);
  protected readonly editable = computed(() => this.canPrepare() && this.criteria() !== null && this.criteria()!.lockedAt === null);
  protected readonly criteriaDirty = computed(() => JSON.stringify(this.draft()) !== JSON.stringify(this.criteria()?.criteria ?? []));
  protected kind: GoNoGoDecisionKind = 'go';
  protected comment = '';
  protected reserveDue = '';

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
  }

  private load(projectId: string): void {
    this.api.readiness(projectId).subscribe({ next: (items) => this.readiness.set(items), error: (error: unknown) => this.notifier.refusal(error) });
    this.api.overview(projectId).subscribe({
      next: (overview) => {
        this.overview.set(overview);
        const first = overview.campaigns.find((campaign) => campaign.lockedAt) ?? overview.campaigns[0];
        if (first && !this.campaignId()) this.selectCampaign(first.id);
      },
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  protected selectCampaign(campaignId: string): void {
    this.campaignId.set(campaignId);
    this.verifications.set({});
    this.refreshCampaign();
  }

  private refreshCampaign(): void {
    const campaignId = this.campaignId();
    if (!campaignId) return;
    const projectId = this.projectId();
    this.api.criteria(projectId, campaignId).subscribe({ next: (criteria) => this.setCriteria(criteria), error: (error: unknown) => this.notifier.refusal(error) });
    this.api.evaluation(projectId, campaignId).subscribe({ next: (evaluation) => this.evaluation.set(evaluation), error: (error: unknown) => this.notifier.refusal(error) });
    this.api.decisions(projectId, campaignId).subscribe({ next: (decisions) => this.decisions.set(decisions), error: (error: unknown) => this.notifier.refusal(error) });
  }

  protected dateTime(instant: string): string {
    return parisDateTime(instant, this.language.current());
  }

  protected percent(value: number | null): string {
    if (value === null) return '—';
    return `${value.toLocaleString(this.language.current() === 'en' ? 'en-GB' : 'fr-FR')} %`;
  }

  protected linkOf(evidence: CriterionEvidence): string[] {
    return evidenceLink(evidence);
  }

  /** Only http(s) links are shown as links: user text is never a script URL. */
  protected safeLink(link: string | null): string | null {
    return link && /^https?:\/\//i.test(link) ? link : null;
  }

  protected signatureOf(decision: GoNoGoDecisionDto, userId: string) {
    return decision.signatures.find((signature) => signature.signerUserId === userId) ?? null;
  }

  /** The caller's role as a signer of this decision, when they are named and have not signed yet. */
  protected mySignerRole(decision: GoNoGoDecisionDto) {
    const me = this.auth.user()?.id;
    if (decision.status !== 'proposee' || !me) return null;
    const signer = decision.signers.find((row) => row.userId === me && !row.signed);
    return signer?.role ?? null;
  }

  protected pvUrl(decision: GoNoGoDecisionDto): string {
    return this.api.pvUrl(this.projectId(), decision.id);
  }

  private setCriteria(criteria: CampaignCriteriaDto): void {
    this.criteria.set(criteria);
    this.draft.set(criteria.criteria.map((criterion) => ({ ...criterion })));
  }

  protected setEnabled(index: number, enabled: boolean): void {
    this.draft.update((rows) => rows.map((row, at) => (at === index ? { ...row, enabled } : row)));
  }

  protected setThreshold(index: number, value: number | string | null): void {
    const threshold = value === null || value === '' ? undefined : Number(value);
    this.draft.update((rows) => rows.map((row, at) => (at === index ? { ...row, threshold } : row)));
  }

  protected saveCriteria(): void {
    const campaignId = this.campaignId();
    const criteria = this.criteria();
    if (!campaignId || !criteria) return;
    this.api.updateCriteria(this.projectId(), campaignId, this.draft(), criteria.version).subscribe({
      next: (saved) => {
        this.setCriteria(saved);
        this.notifier.success('gonogo.criteria.saved');
        this.refreshCampaign();
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'gonogo.criteria.fields' }),
    });
  }

  /** Locks the criteria after a confirmation (the button waits while edits are unsaved). */
  protected async lock(): Promise<void> {
    const campaignId = this.campaignId();
    const criteria = this.criteria();
    if (!campaignId || !criteria) return;
    if (this.criteriaDirty()) return;
    const confirmed = await this.dialogs.confirm({
      title: this.translate('gonogo.criteria.lockTitle'),
      message: this.translate('gonogo.criteria.lockMessage'),
      confirmLabel: this.translate('gonogo.criteria.lock'),
    });
    if (!confirmed) return;
    this.api.lock(this.projectId(), campaignId, criteria.version).subscribe({
      next: (locked) => {
        this.setCriteria(locked);
        this.notifier.success('gonogo.criteria.lockedDone');
        this.refreshCampaign();
      },
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  private translate(key: string): string {
    return this.translator.instant(key) as string;
  }

  protected propose(): void {
    const campaignId = this.campaignId();
    if (!campaignId) return;
    const me = this.auth.user()?.id;
    const majors = this.evaluation()?.criteria.find((criterion) => criterion.key === 'no_open_major_defect_without_reserve')?.evidence ?? [];
    const reserves =
      this.kind === 'go_reserves' && me && this.reserveDue ? majors.map((evidence) => ({ defectId: evidence.id, ownerUserId: me, dueDate: this.reserveDue })) : undefined;
    this.api.propose(this.projectId(), campaignId, { kind: this.kind, comment: this.comment, reserves }).subscribe({
      next: () => {
        this.notifier.success('gonogo.decision.proposed');
        this.refreshCampaign();
      },
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  protected sign(decision: GoNoGoDecisionDto, role: SignDialogData['role'], outcome: SignDialogData['outcome']): void {
    const data: SignDialogData = { projectId: this.projectId(), decision, role, outcome };
    this.dialog
      .open<SignDialog, SignDialogData, GoNoGoDecisionDto>(SignDialog, { data, width: '560px' })
      .afterClosed()
      .subscribe((signed) => {
        if (!signed) return;
        this.notifier.success(outcome === 'refuse' ? 'gonogo.sign.refused' : 'gonogo.sign.signed');
        this.decisions.update((list) => list.map((row) => (row.id === signed.id ? signed : row)));
        // A signed go avec réserves accepts its réserves: the live criteria change with it.
        if (signed.status !== 'proposee') this.refreshCampaign();
      });
  }

  protected verify(decision: GoNoGoDecisionDto): void {
    this.api.verify(this.projectId(), decision.id).subscribe({
      next: (result) => this.verifications.update((all) => ({ ...all, [decision.id]: result })),
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  protected lift(reserve: ReserveDto): void {
    const data: LeveeDialogData = { projectId: this.projectId(), reserve };
    this.dialog
      .open<LeveeDialog, LeveeDialogData, ReserveDto>(LeveeDialog, { data, width: '560px' })
      .afterClosed()
      .subscribe((lifted) => {
        if (!lifted) return;
        this.notifier.success('gonogo.levee.done');
        this.refreshCampaign();
      });
  }

  protected upload(item: ReadinessItemDto, event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.api.uploadEvidence(this.projectId(), item.id, file).subscribe({
      next: () => {
        this.notifier.success('gonogo.readiness.fileAdded', { name: file.name });
        this.reloadReadiness();
      },
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  protected async deleteEvidence(item: ReadinessItemDto, file: ReadinessEvidenceFileDto): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: this.translate('gonogo.readiness.deleteFile'),
      message: `${item.label} — ${file.fileName}`,
      confirmLabel: this.translate('gonogo.readiness.deleteFile'),
      destructive: true,
    });
    if (!confirmed) return;
    this.api.deleteEvidence(file).subscribe({
      next: () => this.reloadReadiness(),
      error: (error: unknown) => {
        this.notifier.refusal(error);
        this.reloadReadiness();
      },
    });
  }

  private reloadReadiness(): void {
    this.api.readiness(this.projectId()).subscribe({ next: (items) => this.readiness.set(items), error: (error: unknown) => this.notifier.refusal(error) });
  }

  protected applyTemplate(): void {
    this.api.applyTemplate(this.projectId()).subscribe({ next: (items) => this.readiness.set(items), error: (error: unknown) => this.notifier.refusal(error) });
  }

  protected setStatus(item: ReadinessItemDto, status: ReadinessStatus): void {
    this.api.updateItem(this.projectId(), item.id, { version: item.version, status }).subscribe({
      next: (updated) => {
        this.readiness.update((items) => items.map((row) => (row.id === updated.id ? updated : row)));
        this.refreshCampaign();
      },
      error: (error: unknown) => {
        this.notifier.refusal(error);
        this.api.readiness(this.projectId()).subscribe((items) => this.readiness.set(items));
      },
    });
  }
}
