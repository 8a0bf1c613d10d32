import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import type { ProjectSummary } from '@jalon/domain';
import { ProjectsApi } from '../core/projects-api';
import { Notifier } from '../shared/notifier';

/** An administrator opens a project, usually from the contact-centre deployment template. */
@Component({
  selector: 'jalon-new-project-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatFormFieldModule, MatInputModule, MatCheckboxModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ 'projects.create.title' | translate }}</h2>
    <form #form="ngForm" (ngSubmit)="create()">
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'projects.create.name' | translate }}</mat-label>
          <input matInput name="name" required maxlength="200" [(ngModel)]="name" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'projects.create.company' | translate }}</mat-label>
          <input matInput name="company" maxlength="200" [(ngModel)]="company" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'projects.goLive' | translate }}</mat-label>
          <input matInput type="date" name="goLive" required [(ngModel)]="targetGoLive" />
        </mat-form-field>
        <mat-checkbox name="template" [(ngModel)]="useTemplate">{{ 'projects.create.template' | translate }}</mat-checkbox>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'projects.create.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="form.invalid || busy()">{{ 'projects.create.submit' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields { display: flex; flex-direction: column; min-width: 420px; gap: 4px; }
    .error { color: #8a1c12; background: #fdecea; padding: 8px 12px; border-radius: 8px; }
  `,
})
export class NewProjectDialog {
  private readonly api = inject(ProjectsApi);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject<MatDialogRef<NewProjectDialog, ProjectSummary>>(MatDialogRef);
  protected name = '';
  protected company = '';
  protected targetGoLive = '';
  protected useTemplate = true;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async create(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const project = await firstValueFrom(
        this.api.create({
          name: this.name,
          company: this.company || undefined,
          targetGoLive: this.targetGoLive,
          template: this.useTemplate ? 'contact-centre' : undefined,
        }),
      );
      this.dialog.close(project);
    } catch (error) {
      this.error.set(this.notifier.describe(error, { fields: 'projects.fields' }));
    } finally {
      this.busy.set(false);
    }
  }
}
