import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { ProjectSummary, ProjectWeather } from '@jalon/domain';
import { AuthService } from '../core/auth';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { calendarDaysUntil } from '../core/days';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { EditProjectDialog } from './edit-project.dialog';
import { NewProjectDialog } from './new-project.dialog';

const WEATHER_ICONS: Record<ProjectWeather, string> = {
  sunny: 'sunny',
  cloudy: 'partly_cloudy_day',
  stormy: 'thunderstorm',
};

@Component({
  selector: 'jalon-project-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CalendarDatePipe, RouterLink, TranslatePipe, MatCardModule, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './project-list.page.html',
  styleUrl: './project-list.page.scss',
})
export class ProjectListPage {
  protected readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);
  protected readonly weatherIcons = WEATHER_ICONS;
  protected readonly daysUntil = calendarDaysUntil;
  protected readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  constructor() {
    this.context.currentProjectId.set(null);
  }

  protected openEdit(project: ProjectSummary): void {
    this.dialog
      .open<EditProjectDialog, ProjectSummary, ProjectSummary>(EditProjectDialog, { data: project })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.notifier.success('projects.edit.saved');
        this.context.load();
      });
  }

  protected openNewProject(): void {
    this.dialog
      .open(NewProjectDialog)
      .afterClosed()
      .subscribe((project) => {
        if (!project) return;
        this.context.load();
        void this.router.navigate(['/projects', project.id, 'planning']);
      });
  }
}
