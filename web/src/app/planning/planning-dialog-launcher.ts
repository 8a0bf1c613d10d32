import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { TranslateService } from '@ngx-translate/core';
import type { TaskDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { LotsDialog } from './lots-dialog';
import { PhasesDialog, type PhasesDialogData } from './phases-dialog';
import { PlanSettingsDialog } from './plan-settings-dialog';
import type { NewLink } from './planning-api';
import { LinkDialog, NameDialog, TrendDialog, type LinkDialogData, type NameDialogData, type TrendDialogData } from './planning-dialogs';
import { PlanningStore } from './planning-store';
import type { StructureDialogData } from './structure-dialog';

/** Opens the planning page's dialogs and does what their answer asks. Provided by the page. */
@Injectable()
export class PlanningDialogLauncher {
  private readonly dialog = inject(MatDialog);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly store = inject(PlanningStore);
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);

  private t(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params) as string;
  }

  private structureData(): StructureDialogData {
    return { store: this.store, language: this.language.current() };
  }

  settings(): void {
    if (!this.store.saved()) return;
    this.dialog
      .open<PlanSettingsDialog, StructureDialogData, boolean>(PlanSettingsDialog, { data: this.structureData(), maxWidth: '95vw', autoFocus: 'dialog' })
      .afterClosed()
      .subscribe((saved) => saved && this.notifier.success('planning.settings.saved'));
  }

  lots(onClosed: () => void): void {
    if (!this.store.saved()) return;
    this.dialog
      .open<LotsDialog, StructureDialogData>(LotsDialog, { data: this.structureData(), maxWidth: '95vw', autoFocus: 'dialog' })
      .afterClosed()
      .subscribe(onClosed);
  }

  phases(phaseId: string | null): void {
    if (!this.store.saved()) return;
    const data: PhasesDialogData = { ...this.structureData(), phaseId };
    this.dialog.open<PhasesDialog, PhasesDialogData>(PhasesDialog, { data, maxWidth: '95vw', autoFocus: 'dialog' });
  }

  link(fromTaskId: string | null): void {
    const plan = this.store.saved();
    if (!plan) return;
    const data: LinkDialogData = { tasks: plan.tasks, fromTaskId };
    this.dialog
      .open<LinkDialog, LinkDialogData, NewLink>(LinkDialog, { data })
      .afterClosed()
      .subscribe((link) => link && this.store.createLink(link));
  }

  phase(): void {
    const data: NameDialogData = {
      title: this.t('planning.actions.addPhase'),
      label: this.t('planning.newTask.phasePrompt'),
      value: this.t('planning.newTask.phaseName'),
    };
    this.dialog
      .open<NameDialog, NameDialogData, string>(NameDialog, { data })
      .afterClosed()
      .subscribe((name) => name && this.store.createPhase(name));
  }

  freezeBaseline(): void {
    const month = new Intl.DateTimeFormat(this.language.current(), { month: 'long', year: 'numeric' }).format(new Date());
    const data: NameDialogData = { title: this.t('planning.baseline.create'), label: this.t('planning.baseline.createPrompt'), value: `COPIL ${month}` };
    this.dialog
      .open<NameDialog, NameDialogData, string>(NameDialog, { data })
      .afterClosed()
      .subscribe((name) => name && this.store.freezeBaseline(name));
  }

  trend(): void {
    const trend = this.store.trend() ?? { baselines: [], milestones: [] };
    this.dialog.open<TrendDialog, TrendDialogData>(TrendDialog, {
      data: { trend, language: this.language.current() },
      width: '820px',
      maxWidth: '95vw',
    });
  }

  /**
   * Asks before deleting a task, offering to link its predecessors to its successors (on by
   * default) when it has both; the answer is whether to reconnect, or null when cancelled.
   */
  async confirmDelete(task: TaskDto): Promise<{ reconnect: boolean } | null> {
    const plan = this.store.saved();
    const linked = !!plan?.links.some((link) => link.toTaskId === task.id) && !!plan?.links.some((link) => link.fromTaskId === task.id);
    const answer = await this.dialogs.ask({
      title: this.t('planning.panel.deleteTitle', { name: task.name }),
      message: this.t('planning.panel.deleteConfirm', { name: task.name }),
      confirmLabel: this.t('planning.panel.delete'),
      destructive: true,
      option: linked ? { label: this.t('planning.panel.reconnect'), checked: true } : undefined,
    });
    return answer ? { reconnect: answer.option || !linked } : null;
  }
}
