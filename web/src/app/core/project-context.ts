import { Injectable, computed, inject, signal } from '@angular/core';
import { effectiveProjectRole, roleAllows, type ProjectPermission, type ProjectSummary } from '@jalon/domain';
import { AuthService } from './auth';
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
  private readonly auth = inject(AuthService);
  /** The caller's role on the current project; administrators act as its project manager. */
  readonly currentRole = computed(() => {
    const project = this.currentProject();
    if (!project) return null;
    return effectiveProjectRole(project.myRole, this.auth.isAdmin());
  });

  /** Whether the caller may do `permission` on the current project (the API's own table). */
  can(permission: ProjectPermission): boolean {
    return roleAllows(this.currentRole(), permission);
  }

  /** Whether the caller may do `permission` on any project they can open (« Mes tâches » spans projects). */
  canOn(projectId: string, permission: ProjectPermission): boolean {
    const project = this.projects().find((candidate) => candidate.id === projectId);
    if (!project) return false;
    return roleAllows(effectiveProjectRole(project.myRole, this.auth.isAdmin()), permission);
  }

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
