import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { PROJECT_STATUSES, PROJECT_WEATHERS, type ProjectSummary } from '@jalon/domain';
import { ProjectsApi } from '../core/projects-api';
import { Notifier } from '../shared/notifier';
import { readRefusal } from '../shared/refusal';

/** The project manager edits the project's name, description, status and weather (PATCH with the version read). */
@Component({
  selector: 'jalon-edit-project-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ 'projects.edit.title' | translate }}</h2>
    <form #form="ngForm" (ngSubmit)="save()">
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'projects.create.name' | translate }}</mat-label>
          <input matInput name="name" data-testid="edit-name" required maxlength="200" [(ngModel)]="name" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'projects.edit.description' | translate }}</mat-label>
          <textarea matInput name="description" data-testid="edit-description" rows="3" maxlength="5000" [(ngModel)]="description"></textarea>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'projects.edit.status' | translate }}</mat-label>
            <mat-select name="status" data-testid="edit-status" [(ngModel)]="status">
              @for (value of statuses; track value) {
                <mat-option [value]="value">{{ 'projects.status.' + value | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'projects.weather.label' | translate }}</mat-label>
            <mat-select name="weather" data-testid="edit-weather" [(ngModel)]="weather">
              @for (value of weathers; track value) {
                <mat-option [value]="value">{{ 'projects.weather.' + value | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'projects.edit.weatherComment' | translate }}</mat-label>
          <textarea matInput name="weatherComment" data-testid="edit-weather-comment" rows="2" maxlength="2000" [(ngModel)]="weatherComment"></textarea>
        </mat-form-field>
        @if (error(); as message) {
          <p class="error" role="alert" data-testid="edit-error">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'shared.cancel' | translate }}</button>
        <button mat-flat-button type="submit" data-testid="edit-save" [disabled]="form.invalid || busy()">{{ 'shared.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields { display: flex; flex-direction: column; width: min(560px, 80vw); gap: 4px; }
    .row { display: flex; gap: 12px; }
    .row mat-form-field { flex: 1; }
    .error { color: #8a1c12; background: #fdecea; padding: 8px 12px; border-radius: 8px; }
  `,
})
export class EditProjectDialog {
  private readonly project = inject<ProjectSummary>(MAT_DIALOG_DATA);
  private readonly api = inject(ProjectsApi);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject<MatDialogRef<EditProjectDialog, ProjectSummary>>(MatDialogRef);
  protected readonly statuses = PROJECT_STATUSES;
  protected readonly weathers = PROJECT_WEATHERS;
  protected name = this.project.name;
  protected description = this.project.description;
  protected status = this.project.status;
  protected weather = this.project.weather;
  protected weatherComment = this.project.weatherComment;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(
        this.api.update(this.project.id, {
          version: this.project.version,
          name: this.name.trim(),
          description: this.description,
          status: this.status,
          weather: this.weather,
          weatherComment: this.weatherComment,
        }),
      );
      this.dialog.close(saved);
    } catch (error) {
      const refusal = readRefusal(error);
      this.error.set(this.notifier.describe(refusal, { codes: 'projects.edit.errors', fields: 'projects.fields' }));
    } finally {
      this.busy.set(false);
    }
  }
}
