import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, type DemoAccount } from '../core/auth';
import { readRefusal } from '../shared/refusal';

@Component({
  selector: 'jalon-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  readonly returnUrl = input<string>();
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected email = '';
  protected password = '';
  protected readonly error = signal<'credentials' | 'throttled' | 'unreachable' | null>(null);
  protected readonly busy = signal(false);
  /** Shown only when the API says the demo is on (never on a production start). */
  protected readonly demoAccounts = signal<DemoAccount[]>([]);
  protected readonly demoPassword = computed(() => this.demoAccounts().find((account) => account.password)?.password ?? null);

  constructor() {
    this.auth.demoAccounts().then(
      (config) => this.demoAccounts.set(config.demo ? (config.demoAccounts ?? []) : []),
      () => this.demoAccounts.set([]),
    );
  }

  protected useDemoAccount(account: DemoAccount): void {
    this.email = account.email;
    if (account.password) this.password = account.password;
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.login(this.email, this.password);
      const target = this.returnUrl();
      await this.router.navigateByUrl(target && target.startsWith('/') && !target.startsWith('//') ? target : '/');
    } catch (error) {
      const { code } = readRefusal(error);
      this.error.set(
        code === 'too_many_requests'
          ? 'throttled'
          : code === 'invalid_credentials' || code === 'unauthenticated' || code === 'validation_failed'
            ? 'credentials'
            : 'unreachable',
      );
    } finally {
      this.busy.set(false);
    }
  }
}
