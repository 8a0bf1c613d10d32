import type { ActionStatus } from '@jalon/domain';

/** Done or dropped: nothing more to follow. */
export function isActionClosed(status: ActionStatus): boolean {
  return status === 'faite' || status === 'abandonnee';
}

/** Not done and due before today. */
export function isActionOverdue(action: { status: ActionStatus; dueDate: string | null }, today: string): boolean {
  return !isActionClosed(action.status) && action.dueDate !== null && action.dueDate < today;
}

export interface CarriedMeeting {
  id: string;
  seriesId: string | null;
  startsAt: Date;
  status: string;
}

/**
 * The meeting an undone action goes on to when its meeting closes: the next meeting of the same
 * series (by start, not cancelled, not closed). None for a meeting outside a series or the last one.
 */
export function nextMeetingOfSeries<M extends CarriedMeeting>(closing: CarriedMeeting, meetings: readonly M[]): M | null {
  if (closing.seriesId === null) return null;
  let best: M | null = null;
  for (const meeting of meetings) {
    if (meeting.id === closing.id || meeting.seriesId !== closing.seriesId) continue;
    if (meeting.status === 'annulee' || meeting.status === 'cloturee') continue;
    if (meeting.startsAt.getTime() <= closing.startsAt.getTime()) continue;
    if (best === null || meeting.startsAt.getTime() < best.startsAt.getTime()) best = meeting;
  }
  return best;
}

/**
 * Which actions followed in a closing meeting carry over: those not done nor dropped. The
 * actions followed in a meeting are those born there and not carried elsewhere, plus those
 * carried to it.
 */
export function actionsToCarry<A extends { status: ActionStatus }>(followed: readonly A[]): A[] {
  return followed.filter((action) => !isActionClosed(action.status));
}
