import { DatePipe, JsonPipe, KeyValuePipe } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { AuditEventDto, AuditPage as AuditPageDto } from '@jalon/domain';
import { LanguageService } from '../core/language';

interface AuditFilters {
  entity: string;
  action: string;
  from: string;
  to: string;
}

const ENTITIES = ['project', 'member', 'settings', 'lot', 'phase', 'task', 'link', 'baseline'];

/** The project's audit trail: who changed what, when, with the values before and after. */
@Component({
  selector: 'jalon-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JsonPipe, KeyValuePipe, FormsModule, TranslatePipe, MatFormFieldModule, MatSelectModule, MatInputModule, MatButtonModule, MatIconModule],
  templateUrl: './audit.page.html',
  styleUrl: './audit.page.scss',
})
export class AuditPage {
  readonly projectId = input.required<string>();
  private readonly http = inject(HttpClient);
  protected readonly language = inject(LanguageService);
  protected readonly entities = ENTITIES;
  protected readonly events = signal<AuditEventDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly filters: AuditFilters = { entity: '', action: '', from: '', to: '' };

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId, null));
    });
  }

  protected apply(): void {
    this.load(this.projectId(), null);
  }

  protected more(): void {
    this.load(this.projectId(), this.nextCursor());
  }

  private load(projectId: string, before: string | null): void {
    const params: Record<string, string> = { limit: '50' };
    for (const [key, value] of Object.entries(this.filters)) if (value) params[key] = value;
    if (before) params['before'] = before;
    this.http.get<AuditPageDto>(`/api/projects/${encodeURIComponent(projectId)}/audit`, { params }).subscribe((page) => {
      this.events.set(before ? [...this.events(), ...page.events] : page.events);
      this.nextCursor.set(page.nextCursor);
    });
  }
}
