import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, type NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { UserSummary } from '@jalon/domain';
import { apiErrorMessage } from '../core/api-error';
import { AuthService } from '../core/auth';

/** Instance administration: create users, deactivate them, grant the administrator flag. */
@Component({
  selector: 'jalon-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatSlideToggleModule],
  templateUrl: './users.page.html',
  styles: `
    .create { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; background: var(--jalon-surface);
      border: 1px solid var(--jalon-border); border-radius: 12px; padding: 12px 16px 0; margin-bottom: 20px; }
    .create h2 { width: 100%; margin: 0; font: var(--mat-sys-title-small); }
    table { width: 100%; border-collapse: collapse; background: var(--jalon-surface); border: 1px solid var(--jalon-border); }
    th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--jalon-border); }
    th { font: var(--mat-sys-label-large); background: #eef2f8; }
    .inactive td { opacity: 0.55; }
  `,
})
export class UsersPage {
  private readonly http = inject(HttpClient);
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  protected readonly auth = inject(AuthService);
  protected readonly users = signal<UserSummary[]>([]);
  protected draft = { email: '', displayName: '', password: '' };

  constructor() {
    this.reload();
  }

  private reload(): void {
    this.http.get<UserSummary[]>('/api/users').subscribe((users) => this.users.set(users));
  }

  protected create(form: NgForm): void {
    this.http.post<UserSummary>('/api/users', this.draft).subscribe({
      next: () => {
        this.snackBar.open(this.translate.instant('admin.created'), undefined, { duration: 3000 });
        form.resetForm();
        this.draft = { email: '', displayName: '', password: '' };
        this.reload();
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected update(user: UserSummary, changes: Partial<Pick<UserSummary, 'isActive' | 'isAdmin'>>): void {
    this.http.patch<UserSummary>(`/api/users/${user.id}`, { version: user.version, ...changes }).subscribe({
      next: (updated) => this.users.update((users) => users.map((u) => (u.id === updated.id ? updated : u))),
      error: (error: unknown) => {
        this.fail(error);
        this.reload();
      },
    });
  }

  private fail(error: unknown): void {
    this.snackBar.open(apiErrorMessage(error) ?? this.translate.instant('app.loadError'), 'OK', { duration: 6000 });
  }
}
