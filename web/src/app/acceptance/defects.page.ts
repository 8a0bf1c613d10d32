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
import type { ProjectMember } from '@jalon/domain';
import { AuthService } from '../core/auth';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { MembersApi } from '../members/members-api';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { DEFECT_SEVERITIES, DEFECT_STATUSES, type DefectDto, type DefectSeverity, type DefectStatus } from '@jalon/domain';
import { AcceptanceRunApi } from './acceptance-run-api';
import { DefectDialog, type DefectDialogData } from './defect-dialog';

const OPEN_STATUSES: readonly DefectStatus[] = ['nouvelle', 'en_correction', 'corrigee'];
const isOpenDefect = (status: DefectStatus): boolean => OPEN_STATUSES.includes(status);
const SEVERITY_ORDER: Record<DefectSeverity, number> = { bloquante: 0, majeure: 1, mineure: 2 };

/** A move the caller may make on a defect, as a button. The re-test has its own two buttons. */
interface Move {
  to: DefectStatus;
  /** Translation key of the button. */
  label: string;
}

/**
 * The project's defects: a filterable list with each defect's moves for the caller. The vendor's
 * contributor moves the defects assigned to them (en correction, corrigée); the key user who found
 * a corrected defect re-tests it (vérifiée, or reopened); the project manager may do all.
 */
@Component({
  selector: 'jalon-defects-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, TranslatePipe, PageHeader, TableCard, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  templateUrl: './defects.page.html',
  styleUrl: './defects.page.scss',
})
export class DefectsPage {
  readonly projectId = input.required<string>();
  /** `?defect=ANO-003` (a link from a run): the list opens filtered on it. */
  readonly defect = input<string | undefined>(undefined);
  private readonly api = inject(AcceptanceRunApi);
  private readonly membersApi = inject(MembersApi);
  private readonly dialog = inject(MatDialog);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  protected readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);

  protected readonly severities = DEFECT_SEVERITIES;
  protected readonly statuses = DEFECT_STATUSES;
  protected readonly state = signal<TableState>('loading');
  protected readonly defects = signal<DefectDto[]>([]);
  protected readonly members = signal<ProjectMember[]>([]);
  protected readonly busy = signal<string | null>(null);

  protected readonly severity = signal<DefectSeverity | ''>('');
  protected readonly status = signal<DefectStatus | 'open' | ''>('open');
  protected readonly assignee = signal<string>('');
  protected readonly mineOnly = signal(false);
  protected readonly retestOnly = signal(false);
  protected readonly search = signal('');

  private readonly me = computed(() => this.auth.user()?.id ?? null);
  protected readonly canEdit = computed(() => this.context.can('defect.edit'));

  protected readonly assignees = computed(() => {
    const names = new Map<string, string>();
    for (const defect of this.defects()) if (defect.assigneeUserId) names.set(defect.assigneeUserId, defect.assigneeName ?? '');
    return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  });

  protected readonly counts = computed(() => {
    const open = this.defects().filter((defect) => isOpenDefect(defect.status));
    const bySeverity: Record<DefectSeverity, number> = { bloquante: 0, majeure: 0, mineure: 0 };
    for (const defect of open) bySeverity[defect.severity] += 1;
    return { open: open.length, bySeverity, retest: this.defects().filter((defect) => this.isRetester(defect)).length };
  });

  protected readonly rows = computed(() => {
    const severity = this.severity();
    const status = this.status();
    const assignee = this.assignee();
    const me = this.me();
    const search = this.search().trim().toLocaleLowerCase();
    return this.defects()
      .filter(
        (defect) =>
          (!severity || defect.severity === severity) &&
          (!status || (status === 'open' ? isOpenDefect(defect.status) : defect.status === status)) &&
          (!assignee || defect.assigneeUserId === assignee) &&
          (!this.mineOnly() || defect.assigneeUserId === me) &&
          (!this.retestOnly() || this.isRetester(defect)) &&
          (!search || defect.reference.toLocaleLowerCase().includes(search) || defect.title.toLocaleLowerCase().includes(search)),
      )
      .sort(
        (a, b) =>
          Number(isOpenDefect(b.status)) - Number(isOpenDefect(a.status)) ||
          SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
          a.reference.localeCompare(b.reference),
      );
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
    effect(() => {
      const reference = this.defect();
      untracked(() => {
        if (reference) {
          this.search.set(reference);
          this.status.set('');
        }
      });
    });
    // The vendor lands on their own defects; the key user on the ones waiting for their re-test.
    effect(() => {
      const role = this.context.currentRole();
      untracked(() => {
        if (role === 'contributor') this.mineOnly.set(true);
      });
    });
  }

  private load(projectId: string): void {
    this.api.defects(projectId).subscribe({
      next: (defects) => {
        this.defects.set(defects);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
    this.membersApi.list(projectId).subscribe({ next: (members) => this.members.set(members), error: () => this.members.set([]) });
  }

  protected reload(): void {
    this.load(this.projectId());
  }

  /** The finder (or the project manager) re-tests a corrected defect: the API lists « vérifiée » among its next statuses. */
  protected isRetester(defect: DefectDto): boolean {
    return defect.status === 'corrigee' && defect.nextStatuses.includes('verifiee');
  }

  /** The moves the API allows the caller (its `nextStatuses`), besides the re-test of a corrected defect. */
  protected movesOf(defect: DefectDto): Move[] {
    if (defect.status === 'corrigee') return [];
    return defect.nextStatuses.map((to) => ({ to, label: `acceptance.defects.transitions.${to}` }));
  }

  /** Title, severity, assignee: the key users and the project manager; the assignee writes a fix note. */
  private canEditAll(defect: DefectDto): boolean {
    return this.canEdit() && (this.context.currentRole() !== 'contributor' || defect.foundByUserId === this.me());
  }

  protected canOpenEdit(defect: DefectDto): boolean {
    return this.canEditAll(defect) || (this.canEdit() && defect.assigneeUserId === this.me());
  }

  protected move(defect: DefectDto, to: DefectStatus): void {
    this.busy.set(defect.id);
    this.api.transition(this.projectId(), defect.id, { version: defect.version, to }).subscribe({
      next: (saved) => {
        this.busy.set(null);
        this.notifier.success('acceptance.defects.moved', {
          reference: saved.reference,
          status: this.translate.instant(`acceptance.defects.statuses.${saved.status}`),
        });
        this.replace(saved);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const refusal = this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
        if (refusal.code === 'stale_version') this.reload();
      },
    });
  }

  protected async retest(defect: DefectDto, passed: boolean): Promise<void> {
    if (!passed) {
      const confirmed = await this.dialogs.confirm({
        title: this.translate.instant('acceptance.defects.retestTitle', { reference: defect.reference }),
        message: this.translate.instant('acceptance.defects.retestHelp'),
        confirmLabel: this.translate.instant('acceptance.defects.retestFailed'),
      });
      if (!confirmed) return;
    }
    this.busy.set(defect.id);
    this.api.transition(this.projectId(), defect.id, { version: defect.version, to: passed ? 'verifiee' : 'en_correction' }).subscribe({
      next: (saved) => {
        this.busy.set(null);
        this.notifier.success(passed ? 'acceptance.defects.verified' : 'acceptance.defects.reopened', { reference: saved.reference });
        this.replace(saved);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const refusal = this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
        if (refusal.code === 'stale_version') this.reload();
      },
    });
  }

  protected open(defect: DefectDto): void {
    const data: DefectDialogData = { projectId: this.projectId(), members: this.members(), defect, canEditAll: this.canEditAll(defect) };
    this.dialog
      .open<DefectDialog, DefectDialogData, DefectDto | null>(DefectDialog, { data, width: '760px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) this.replace(saved);
      });
  }

  private replace(saved: DefectDto): void {
    this.defects.update((defects) => defects.map((defect) => (defect.id === saved.id ? saved : defect)));
  }
}
