import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, type NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import type { UserSummary } from '@jalon/domain';
import { AuthService } from '../core/auth';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { ResetPasswordDialog } from './reset-password.dialog';
import { UsersApi, type NewUser } from './users-api';

/** Instance administration: create users, deactivate them, grant the administrator flag, set a new password. */
@Component({
  selector: 'jalon-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, PageHeader, TableCard, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatSlideToggleModule],
  templateUrl: './users.page.html',
  styles: `
    .create { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; background: var(--jalon-surface);
      border: 1px solid var(--jalon-border); border-radius: 12px; padding: 12px 16px 0; margin-bottom: 20px; }
    .create h2 { width: 100%; margin: 0; font: var(--mat-sys-title-small); }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--jalon-border); }
    thead th { font: var(--mat-sys-label-large); background: #eef2f8; }
    .email { color: var(--mat-sys-on-surface-variant); }
    .inactive .identity { opacity: 0.7; }
  `,
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  protected readonly auth = inject(AuthService);
  protected readonly users = signal<UserSummary[]>([]);
  protected readonly state = signal<TableState>('loading');
  protected draft: NewUser = { email: '', displayName: '', password: '' };

  constructor() {
    inject(ProjectContext).currentProjectId.set(null);
    this.reload();
  }

  private reload(): void {
    this.api.list().subscribe({
      next: (users) => {
        this.users.set(users);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
  }

  protected create(form: NgForm): void {
    this.api.create(this.draft).subscribe({
      next: () => {
        this.notifier.success('admin.created');
        form.resetForm();
        this.draft = { email: '', displayName: '', password: '' };
        this.reload();
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected update(user: UserSummary, changes: Partial<Pick<UserSummary, 'isActive' | 'isAdmin'>>): void {
    this.api.update(user.id, { version: user.version, ...changes }).subscribe({
      next: (updated) => this.users.update((users) => users.map((u) => (u.id === updated.id ? updated : u))),
      error: (error: unknown) => {
        this.fail(error);
        this.reload();
      },
    });
  }

  protected resetPassword(user: UserSummary): void {
    this.dialog
      .open<ResetPasswordDialog, UserSummary, boolean>(ResetPasswordDialog, { data: user })
      .afterClosed()
      .subscribe((done) => {
        if (done) this.notifier.success('admin.reset.done', { name: user.displayName });
      });
  }

  private fail(error: unknown): void {
    this.notifier.refusal(error, { fields: 'admin.fields' });
  }
}
