import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { SessionInfo } from '@jalon/domain';

export interface DemoAccount {
  email: string;
  role: string;
  /** Absent when the API does not publish it. */
  password?: string;
}

/** The signed-in user, known once GET /api/auth/me has answered. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  readonly session = signal<SessionInfo | null>(null);
  readonly user = computed(() => this.session()?.user ?? null);
  readonly isAdmin = computed(() => this.session()?.user.isAdmin ?? false);
  private checked: Promise<SessionInfo | null> | null = null;

  /** Asks the API once who is signed in; later calls reuse the answer. */
  ensureLoaded(): Promise<SessionInfo | null> {
    this.checked ??= firstValueFrom(this.http.get<SessionInfo>('/api/auth/me'))
      .then((session) => {
        this.session.set(session);
        return session;
      })
      .catch(() => {
        this.session.set(null);
        return null;
      });
    return this.checked;
  }

  async login(email: string, password: string): Promise<SessionInfo> {
    const session = await firstValueFrom(this.http.post<SessionInfo>('/api/auth/login', { email, password }));
    this.session.set(session);
    this.checked = Promise.resolve(session);
    return session;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/logout', {}));
    } finally {
      this.forget();
    }
  }

  /** Called when the API says the session is over (401). */
  forget(): void {
    this.session.set(null);
    this.checked = Promise.resolve(null);
  }

  changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/auth/password', { currentPassword, newPassword }));
  }

  demoAccounts(): Promise<{ demo: boolean; demoAccounts?: DemoAccount[] }> {
    return firstValueFrom(this.http.get<{ demo: boolean; demoAccounts?: DemoAccount[] }>('/api/auth/config'));
  }
}
