import { Injectable, computed, inject, signal } from '@angular/core';
import type { ProjectSummary } from '@jalon/domain';
import { ProjectsApi } from './projects-api';

export type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

/** The projects the user can open and the one being viewed, shared by the shell and the pages. */
@Injectable({ providedIn: 'root' })
export class ProjectContext {
  private readonly api = inject(ProjectsApi);
  readonly projects = signal<ProjectSummary[]>([]);
  readonly state = signal<LoadState>('idle');
  readonly currentProjectId = signal<string | null>(null);
  readonly currentProject = computed(
    () => this.projects().find((project) => project.id === this.currentProjectId()) ?? null,
  );

  load(): void {
    this.state.set('loading');
    this.api.list().subscribe({
      next: (projects) => {
        this.projects.set(projects);
        this.state.set('loaded');
      },
      error: () => this.state.set('error'),
    });
  }
}
