import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { PROJECT_ROLES, type ProjectMember, type ProjectRole } from '@jalon/domain';
import { ProjectContext } from '../core/project-context';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { MembersApi, type MemberCandidate } from './members-api';

/** The shortest search the API answers (it never lists every user of the instance). */
const MIN_CANDIDATE_QUERY = 3;

@Component({
  selector: 'jalon-members-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, PageHeader, TableCard, MatTableModule, MatSelectModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
  templateUrl: './members.page.html',
  styles: `
    .invite { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; background: var(--jalon-surface);
      border: 1px solid var(--jalon-border); border-radius: 12px; padding: 12px 16px 0; margin-bottom: 20px; }
    .invite h2 { font: var(--mat-sys-title-small); width: 100%; margin: 0; }
    .invite mat-form-field { width: 280px; }
    .role-select { width: 300px; --mat-form-field-container-height: 40px; --mat-form-field-container-vertical-padding: 8px; }
    .email { color: var(--mat-sys-on-surface-variant); }
    .inactive { opacity: 0.55; }
  `,
})
export class MembersPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(MembersApi);
  private readonly notifier = inject(Notifier);
  private readonly dialogs = inject(Dialogs);
  private readonly translate = inject(TranslateService);
  protected readonly state = signal<TableState>('loading');
  protected readonly context = inject(ProjectContext);
  protected readonly roles = PROJECT_ROLES;
  protected readonly members = signal<ProjectMember[]>([]);
  protected readonly candidates = signal<MemberCandidate[]>([]);
  protected readonly query = signal('');
  protected readonly canManage = computed(() => this.context.can('members.manage'));
  protected readonly columns = computed(() => (this.canManage() ? ['name', 'role', 'actions'] : ['name', 'role']));
  protected inviteUserId: string | null = null;
  protected inviteRole: ProjectRole = 'viewer';

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const canManage = this.canManage();
      untracked(() => this.reload(projectId, canManage));
    });
  }

  private reload(projectId: string, canManage: boolean): void {
    this.api.list(projectId).subscribe({
      next: (members) => {
        this.members.set(members);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
    if (canManage) this.search(this.query());
  }

  /**
   * The API lists candidates for a search of at least 3 characters (it never lists every user of
   * the instance); a later answer for an older query is dropped.
   */
  protected search(query: string): void {
    this.query.set(query);
    const needle = query.trim();
    if (needle.length < MIN_CANDIDATE_QUERY) {
      this.candidates.set([]);
      return;
    }
    this.api.candidates(this.projectId(), needle).subscribe({
      next: (candidates) => {
        if (this.query().trim() === needle) this.candidates.set(candidates);
      },
      error: () => this.candidates.set([]),
    });
  }

  protected invite(): void {
    if (!this.inviteUserId) return;
    this.api.setRole(this.projectId(), this.inviteUserId, this.inviteRole).subscribe({
      next: () => {
        this.inviteUserId = null;
        this.notify('members.invited');
        this.reload(this.projectId(), true);
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected changeRole(member: ProjectMember, role: ProjectRole): void {
    this.api.setRole(this.projectId(), member.userId, role, member.version).subscribe({
      next: () => {
        this.notify('members.roleChanged');
        this.reload(this.projectId(), true);
      },
      error: (error: unknown) => {
        this.fail(error);
        this.reload(this.projectId(), true);
      },
    });
  }

  protected async remove(member: ProjectMember): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: this.translate.instant('members.removeTitle', { name: member.displayName }),
      message: this.translate.instant('members.removeMessage', { name: member.displayName }),
      confirmLabel: this.translate.instant('members.remove'),
      destructive: true,
    });
    if (!confirmed) return;
    this.api.remove(this.projectId(), member.userId).subscribe({
      next: () => {
        this.notify('members.removed');
        this.reload(this.projectId(), true);
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private notify(key: string): void {
    this.notifier.success(key);
  }

  private fail(error: unknown): void {
    this.notifier.refusal(error, { fields: 'members.fields' });
  }
}
