import type { MeetingStatus } from '@jalon/domain';

/**
 * The meeting lifecycle: brouillon → convoquee → en_cours → cloturee. A convened meeting may go
 * back to draft; a draft or convened one may be cancelled (annulee) and a cancelled one restored
 * to draft. Closing is final: the minutes are frozen.
 */
export const MEETING_TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  brouillon: ['convoquee', 'annulee'],
  convoquee: ['en_cours', 'brouillon', 'annulee'],
  en_cours: ['cloturee'],
  cloturee: [],
  annulee: ['brouillon'],
};

export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[from].includes(to);
}

/** Closed minutes refuse any change but addenda. */
export function isMinutesFrozen(status: MeetingStatus): boolean {
  return status === 'cloturee';
}

/** Attendance, notes, decisions and actions are recorded while the meeting is prepared or held. */
export function acceptsOutcomes(status: MeetingStatus): boolean {
  return status === 'brouillon' || status === 'convoquee' || status === 'en_cours';
}
