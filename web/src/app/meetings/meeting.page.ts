import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import {
  ACTION_STATUSES,
  ATTENDANCES,
  permissionScope,
  type ActionDto,
  type ActionStatus,
  type AgendaItemDto,
  type AgendaProposalDto,
  type Attendance,
  type DecisionDto,
  type MeetingDto,
  type MeetingPackSummaryDto,
  type MeetingStatus,
  type ParticipantDto,
  type ProjectMember,
} from '@jalon/domain';
import { AuthService } from '../core/auth';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { readRefusal } from '../shared/refusal';
import { MeetingsApi } from './meetings-api';
import { WeatherStrip } from './weather-strip';
import { ZonedPipe } from './zoned-time';

/** What one agenda item's forms hold while being typed. */
interface ItemDraft {
  notes: string;
  decision: string;
  decidedBy: string;
  impactScope: boolean;
  impactTime: boolean;
  impactBudget: boolean;
  action: string;
  owner: string;
  due: string;
}

/** The lifecycle step each status offers next (cancelled and closed meetings offer none). */
const NEXT_STATUS: Partial<Record<MeetingStatus, MeetingStatus>> = { brouillon: 'convoquee', convoquee: 'en_cours', en_cours: 'cloturee' };

/**
 * One meeting: its lifecycle (convene, open, close), participants and attendance, the agenda
 * (proposed from the project, edited), notes, decisions and actions per item, addenda once closed,
 * and for a COPIL its frozen packs.
 */
@Component({
  selector: 'jalon-meeting-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    NgTemplateOutlet,
    RouterLink,
    TranslatePipe,
    CalendarDatePipe,
    ZonedPipe,
    WeatherStrip,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  templateUrl: './meeting.page.html',
  styleUrl: './meeting.page.scss',
})
export class MeetingPage {
  readonly projectId = input.required<string>();
  readonly meetingId = input.required<string>();
  private readonly api = inject(MeetingsApi);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  protected readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);

  protected readonly meeting = signal<MeetingDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly members = signal<ProjectMember[]>([]);
  protected readonly proposal = signal<AgendaProposalDto | null>(null);
  protected readonly packs = signal<MeetingPackSummaryDto[]>([]);
  protected readonly busy = signal(false);
  protected readonly attendances = ATTENDANCES;
  protected readonly actionStatuses = ACTION_STATUSES;
  protected drafts: Record<string, ItemDraft> = {};
  protected looseDraft: ItemDraft = this.emptyDraft();
  protected newItemTitle = '';
  protected newItemDuration = 10;
  protected participantUserId = '';
  protected externalEmail = '';
  protected externalName = '';
  protected addendum = '';

  protected readonly canManage = computed(() => this.context.can('meeting.manage'));
  protected readonly canRecord = computed(() => this.context.can('meeting.record'));
  protected readonly status = computed(() => this.meeting()?.status ?? null);
  protected readonly closed = computed(() => this.status() === 'cloturee');
  protected readonly cancelled = computed(() => this.status() === 'annulee');
  protected readonly open = computed(() => !this.closed() && !this.cancelled());
  /** The agenda is prepared until the meeting closes. */
  protected readonly agendaEditable = computed(() => this.canManage() && this.open());
  /** Attendance, notes and outcomes are recorded while the meeting is held. */
  protected readonly recording = computed(() => this.canRecord() && this.status() === 'en_cours');
  protected readonly nextStatus = computed(() => {
    const status = this.status();
    return status ? (NEXT_STATUS[status] ?? null) : null;
  });
  protected readonly itemIds = computed(() => new Set((this.meeting()?.agenda.items ?? []).map((item) => item.id)));
  /** Decisions and actions outside the agenda (carried over from a previous meeting, or recorded without an item). */
  protected readonly looseDecisions = computed(() => (this.meeting()?.decisions ?? []).filter((decision) => !decision.agendaItemId || !this.itemIds().has(decision.agendaItemId)));
  protected readonly looseActions = computed(() => (this.meeting()?.actions ?? []).filter((action) => !action.agendaItemId || !this.itemIds().has(action.agendaItemId)));
  protected readonly memberCandidates = computed(() => {
    const present = new Set((this.meeting()?.participants ?? []).map((participant) => participant.userId));
    return this.members().filter((member) => member.isActive && !present.has(member.userId));
  });
  protected readonly attendanceCount = computed(() => (this.meeting()?.participants ?? []).filter((participant) => participant.attendance === 'present').length);

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const meetingId = this.meetingId();
      untracked(() => {
        this.proposal.set(null);
        this.load(projectId, meetingId);
        this.api.members(projectId).subscribe({ next: (members) => this.members.set(members), error: () => this.members.set([]) });
      });
    });
  }

  private emptyDraft(): ItemDraft {
    return { notes: '', decision: '', decidedBy: '', impactScope: false, impactTime: false, impactBudget: false, action: '', owner: '', due: '' };
  }

  private load(projectId = this.projectId(), meetingId = this.meetingId()): void {
    this.api.meeting(projectId, meetingId).subscribe({
      next: (meeting) => {
        this.loadError.set(null);
        this.setMeeting(meeting);
        if (meeting.type === 'copil') this.loadPacks();
      },
      error: (error: unknown) => this.loadError.set(this.notifier.describe(readRefusal(error))),
    });
  }

  private setMeeting(meeting: MeetingDto): void {
    const defaultBy = meeting.type === 'copil' ? 'COPIL' : meeting.type === 'coproj' ? 'COPROJ' : '';
    const drafts: Record<string, ItemDraft> = {};
    const shown = new Map((this.meeting()?.agenda.items ?? []).map((item) => [item.id, item.notes]));
    for (const item of meeting.agenda.items) {
      const previous = this.drafts[item.id];
      // Notes being typed (not saved yet) survive a reload caused by another change, such as an attendance.
      const typing = previous !== undefined && shown.has(item.id) && previous.notes !== shown.get(item.id);
      drafts[item.id] = previous ? { ...previous, notes: typing ? previous.notes : item.notes } : { ...this.emptyDraft(), notes: item.notes, decidedBy: defaultBy };
    }
    if (!this.looseDraft.decidedBy) this.looseDraft.decidedBy = defaultBy;
    this.drafts = drafts;
    this.meeting.set(meeting);
  }

  private loadPacks(): void {
    this.api.packs(this.projectId(), this.meetingId()).subscribe({ next: (packs) => this.packs.set(packs), error: () => this.packs.set([]) });
  }

  /** Runs a change, then reloads the meeting (fresh versions); a refusal is said, naming its fields. */
  private run<T>(call: Observable<T>, success: string | null, after?: (value: T) => void): void {
    this.busy.set(true);
    call.subscribe({
      next: (value) => {
        this.busy.set(false);
        if (success) this.notifier.success(success);
        after?.(value);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.refusal(error, { fields: 'meetings.fields' });
        this.load();
      },
    });
  }

  // ------------------------------------------------------------------ lifecycle
  protected async advance(): Promise<void> {
    const meeting = this.meeting();
    const next = this.nextStatus();
    if (!meeting || !next) return;
    if (next === 'cloturee') {
      const confirmed = await this.dialogs.confirm({
        title: this.translate.instant('meetings.lifecycle.closeTitle'),
        message: this.translate.instant('meetings.lifecycle.closeMessage'),
        confirmLabel: this.translate.instant('meetings.lifecycle.cloturee'),
      });
      if (!confirmed) return;
    }
    this.run(this.api.setStatus(this.projectId(), meeting.id, next, meeting.version), `meetings.lifecycle.done.${next}`);
  }

  // ------------------------------------------------------------------ participants
  protected addMember(): void {
    if (!this.participantUserId) return;
    this.run(this.api.addParticipant(this.projectId(), this.meetingId(), { userId: this.participantUserId }), 'meetings.participants.added', () => (this.participantUserId = ''));
  }

  protected addExternal(): void {
    if (!this.externalEmail.trim() || !this.externalName.trim()) return;
    this.run(
      this.api.addParticipant(this.projectId(), this.meetingId(), { email: this.externalEmail.trim(), name: this.externalName.trim() }),
      'meetings.participants.added',
      () => {
        this.externalEmail = '';
        this.externalName = '';
      },
    );
  }

  protected removeParticipant(participant: ParticipantDto): void {
    this.run(this.api.removeParticipant(this.projectId(), this.meetingId(), participant.id, participant.version), 'meetings.participants.removed');
  }

  protected setAttendance(participant: ParticipantDto, attendance: Attendance): void {
    this.run(this.api.setAttendance(this.projectId(), this.meetingId(), participant.id, attendance, participant.version), null);
  }

  // ------------------------------------------------------------------ agenda
  protected propose(): void {
    this.api.proposal(this.projectId(), this.meetingId()).subscribe({
      next: (proposal) => this.proposal.set(proposal),
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  protected async applyProposal(): Promise<void> {
    const meeting = this.meeting();
    if (!meeting) return;
    if (meeting.agenda.items.length > 0) {
      const confirmed = await this.dialogs.confirm({
        title: this.translate.instant('meetings.agenda.applyTitle'),
        message: this.translate.instant('meetings.agenda.applyMessage', { count: meeting.agenda.items.length }),
        confirmLabel: this.translate.instant('meetings.agenda.apply'),
      });
      if (!confirmed) return;
    }
    this.run(this.api.applyProposal(this.projectId(), meeting.id, meeting.version), 'meetings.agenda.applied', () => this.proposal.set(null));
  }

  protected addItem(): void {
    const title = this.newItemTitle.trim();
    if (!title) return;
    this.run(
      this.api.addAgendaItem(this.projectId(), this.meetingId(), { kind: 'free', title, durationMinutes: Number(this.newItemDuration) || 0 }),
      'meetings.agenda.added',
      () => (this.newItemTitle = ''),
    );
  }

  protected setDuration(item: AgendaItemDto, value: string | number): void {
    const minutes = Number(value);
    if (!Number.isFinite(minutes) || minutes === item.durationMinutes) return;
    this.run(this.api.updateAgendaItem(this.projectId(), this.meetingId(), item.id, { durationMinutes: minutes, version: item.version }), null);
  }

  protected async removeItem(item: AgendaItemDto): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: this.translate.instant('meetings.agenda.removeTitle'),
      message: this.translate.instant('meetings.agenda.removeMessage', { title: item.title }),
      confirmLabel: this.translate.instant('meetings.agenda.remove'),
      destructive: true,
    });
    if (!confirmed) return;
    this.run(this.api.removeAgendaItem(this.projectId(), this.meetingId(), item.id, item.version), 'meetings.agenda.removed');
  }

  protected moveToNext(item: AgendaItemDto): void {
    this.run(this.api.moveItemToNext(this.projectId(), this.meetingId(), item.id, item.version), 'meetings.agenda.movedToNext');
  }

  protected moveItem(index: number, delta: -1 | 1): void {
    const items = [...(this.meeting()?.agenda.items ?? [])];
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    [items[index], items[target]] = [items[target]!, items[index]!];
    this.run(this.api.reorderAgenda(this.projectId(), this.meetingId(), items.map((item) => item.id)), null);
  }

  protected saveNotes(item: AgendaItemDto): void {
    const notes = this.drafts[item.id]?.notes ?? '';
    if (notes === item.notes) return;
    this.run(this.api.setNotes(this.projectId(), this.meetingId(), item.id, notes, item.version), 'meetings.notes.saved');
  }

  // ------------------------------------------------------------------ outcomes
  protected decisionsOf(item: AgendaItemDto): DecisionDto[] {
    return (this.meeting()?.decisions ?? []).filter((decision) => decision.agendaItemId === item.id);
  }

  protected actionsOf(item: AgendaItemDto): ActionDto[] {
    return (this.meeting()?.actions ?? []).filter((action) => action.agendaItemId === item.id);
  }

  protected impactsOf(decision: DecisionDto): string {
    const impacts = [decision.impactScope && 'scope', decision.impactTime && 'time', decision.impactBudget && 'budget'].filter((impact): impact is string => !!impact);
    return impacts.map((impact) => this.translate.instant(`meetings.impacts.${impact}`) as string).join(', ');
  }

  protected addDecision(item: AgendaItemDto | null): void {
    const draft = item ? this.drafts[item.id] : this.looseDraft;
    if (!draft || !draft.decision.trim()) return;
    this.run(
      this.api.addDecision(this.projectId(), this.meetingId(), {
        text: draft.decision.trim(),
        decidedBy: draft.decidedBy.trim(),
        agendaItemId: item?.id ?? null,
        impactScope: draft.impactScope,
        impactTime: draft.impactTime,
        impactBudget: draft.impactBudget,
      }),
      'meetings.decisions.added',
      () => Object.assign(draft, { decision: '', impactScope: false, impactTime: false, impactBudget: false }),
    );
  }

  protected addAction(item: AgendaItemDto | null): void {
    const draft = item ? this.drafts[item.id] : this.looseDraft;
    if (!draft || !draft.action.trim() || !draft.owner) {
      this.notifier.problem('meetings.actions.required');
      return;
    }
    this.run(
      this.api.addAction(this.projectId(), this.meetingId(), { title: draft.action.trim(), ownerUserId: draft.owner, dueDate: draft.due || null, agendaItemId: item?.id ?? null }),
      'meetings.actions.added',
      () => Object.assign(draft, { action: '', owner: '', due: '' }),
    );
  }

  /** The project manager updates any action; other roles only their own. */
  protected canUpdate(action: ActionDto): boolean {
    const scope = permissionScope(this.context.currentRole(), 'action.update');
    return scope === 'all' || (scope === 'own' && action.ownerUserId === this.auth.user()?.id);
  }

  protected setActionStatus(action: ActionDto, status: ActionStatus): void {
    this.run(this.api.setActionStatus(this.projectId(), action.id, status, action.version), 'meetings.actions.updated');
  }

  protected addAddendum(): void {
    const text = this.addendum.trim();
    if (!text) return;
    this.run(this.api.addAddendum(this.projectId(), this.meetingId(), text), 'meetings.addenda.added', () => (this.addendum = ''));
  }

  // ------------------------------------------------------------------ COPIL pack
  protected async producePack(): Promise<void> {
    const answer = await this.dialogs.ask({
      title: this.translate.instant('meetings.pack.produceTitle'),
      message: this.translate.instant('meetings.pack.produceMessage'),
      confirmLabel: this.translate.instant('meetings.pack.produce'),
      option: { label: this.translate.instant('meetings.pack.freezeBaseline'), checked: false },
    });
    if (!answer) return;
    this.busy.set(true);
    this.api.producePack(this.projectId(), this.meetingId(), { freezeBaseline: answer.option }).subscribe({
      next: () => {
        this.busy.set(false);
        this.notifier.success('meetings.pack.produced');
        this.loadPacks();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.refusal(error, { fields: 'meetings.fields' });
      },
    });
  }

  protected packUrl(pack: MeetingPackSummaryDto): string {
    return this.api.packPdfUrl(this.projectId(), this.meetingId(), pack.id);
  }

  protected memberName(userId: string | null): string {
    return this.members().find((member) => member.userId === userId)?.displayName ?? '';
  }
}
