import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from './core/auth';
import { LanguageService } from './core/language';
import { ProjectContext } from './core/project-context';

@Component({
  selector: 'jalon-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslatePipe,
    MatToolbarModule,
    MatButtonModule,
    MatIconModule,
    MatSelectModule,
    MatFormFieldModule,
    MatMenuModule,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly language = inject(LanguageService);
  protected readonly context = inject(ProjectContext);
  private readonly router = inject(Router);

  protected readonly auth = inject(AuthService);

  constructor() {
    // The project list belongs to whoever is signed in: reload it when that changes.
    effect(() => {
      const user = this.auth.user();
      untracked(() => (user ? this.context.load() : this.context.projects.set([])));
    });
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }

  protected openProject(projectId: string): void {
    void this.router.navigate(['/projects', projectId]);
  }
}
