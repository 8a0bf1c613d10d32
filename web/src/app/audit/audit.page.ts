import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AUDITED_ENTITIES } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { AuditApi, type AuditLogEvent } from './audit-api';
import { changeLines, formatInstant, type ChangeLine, type ValueWords } from './audit-format';

interface AuditFilters {
  entity: string;
  action: string;
  from: string;
  to: string;
}

/** What the API audits in a project (the shared list; `user` rows belong to no project). */
const PROJECT_AUDITED_ENTITIES = AUDITED_ENTITIES.filter((entity) => entity !== 'user');

/** An event as the page shows it. */
interface EventView {
  id: string;
  when: string;
  who: string;
  action: string;
  entity: string;
  label: string | null;
  lines: ChangeLine[];
}

/** Enumerated values with a translation of their own, by field. */
const ENUM_PREFIX: Record<string, string> = {
  status: 'projects.status',
  weather: 'projects.weather',
  role: 'roles',
  mode: 'audit.values.mode',
  type: 'audit.values.type',
};

/** The project's change log: who changed which object, when, with the values before and after, in words. */
@Component({
  selector: 'jalon-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, PageHeader, TableCard, MatFormFieldModule, MatSelectModule, MatInputModule, MatButtonModule, MatIconModule],
  templateUrl: './audit.page.html',
  styleUrl: './audit.page.scss',
})
export class AuditPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(AuditApi);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly entities = PROJECT_AUDITED_ENTITIES;
  protected readonly events = signal<AuditLogEvent[]>([]);
  protected readonly state = signal<TableState>('loading');
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly filters: AuditFilters = { entity: '', action: '', from: '', to: '' };
  protected readonly views = computed(() => {
    const language = this.language.current();
    const words = this.words();
    return this.events().map((event): EventView => ({
      id: event.id,
      when: formatInstant(event.occurredAt, language),
      who: event.actorName ?? event.actorEmail ?? this.translate.instant('audit.system'),
      action: event.action,
      entity: event.entity,
      label: event.label,
      lines: changeLines(event.changes, language, words),
    }));
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId, null));
    });
  }

  protected fieldLabel(field: string): string {
    const key = `audit.fields.${field}`;
    const text: unknown = this.translate.instant(key);
    return typeof text === 'string' && text !== key ? text : field;
  }

  protected apply(): void {
    this.load(this.projectId(), null);
  }

  protected more(): void {
    this.load(this.projectId(), this.nextCursor());
  }

  private words(): ValueWords {
    // Read inside a computed that depends on the language: the translations follow a switch.
    return {
      yes: this.translate.instant('audit.yes'),
      no: this.translate.instant('audit.no'),
      empty: this.translate.instant('audit.emptyValue'),
      enumLabel: (field, value) => {
        const prefix = ENUM_PREFIX[field];
        if (!prefix) return null;
        const key = `${prefix}.${value}`;
        const text: unknown = this.translate.instant(key);
        return typeof text === 'string' && text !== key ? text : null;
      },
    };
  }

  private load(projectId: string, before: string | null): void {
    if (!before) this.state.set('loading');
    this.api.list(projectId, { ...this.filters, before }).subscribe({
      next: (page) => {
        this.events.set(before ? [...this.events(), ...page.events] : page.events);
        this.nextCursor.set(page.nextCursor);
        this.state.set('loaded');
      },
      error: (error: unknown) => {
        // A role without audit.read gets 403: say « not allowed », never « no changes ».
        this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error');
      },
    });
  }
}
