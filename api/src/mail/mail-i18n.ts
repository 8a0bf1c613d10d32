import type { MailLanguage } from '@jalon/domain';

/** The words of Jalon's mails, in French (the reference) and English (by user preference). */
const FR = {
  footer: 'Courriel envoyé par Jalon. Choisissez les courriels que vous recevez dans « Mon compte ».',
  open: 'Ouvrir dans Jalon',
  when: 'Quand',
  duration: 'Durée',
  place: 'Lieu',
  video: 'Visio',
  organiser: 'Organisateur',
  participants: 'Participants',
  minutes: (n: number) => `${n} min`,
  invitation: (title: string) => `Convocation : ${title}`,
  invitationUpdate: (title: string) => `Mise à jour : ${title}`,
  invitationBody: 'Vous êtes convoqué(e) à cette réunion. Acceptez ou déclinez l’invitation depuis votre agenda.',
  invitationUpdateBody: 'La réunion a changé. L’invitation de votre agenda est mise à jour.',
  cancellation: (title: string) => `Annulée : ${title}`,
  cancellationBody: 'Cette réunion est annulée pour vous. Elle est retirée de votre agenda.',
  agenda: (title: string) => `Ordre du jour : ${title}`,
  agendaBody: 'Voici l’ordre du jour de la réunion.',
  agendaEmpty: 'L’ordre du jour n’est pas encore préparé.',
  minutesSubject: (title: string) => `Compte rendu : ${title}`,
  minutesBody: 'La réunion est clôturée. Voici ses décisions et ses actions.',
  decisions: 'Décisions',
  actions: 'Actions',
  none: 'Aucune.',
  due: (date: string) => `échéance ${date}`,
  digest: (project: string) => `Votre semaine sur ${project}`,
  digestBody: 'Ce qui vous attend cette semaine.',
  overdue: 'En retard',
  soonDue: 'À échéance dans les 7 jours',
  treatments: 'Traitements de risques',
  tasks: 'Tâches en cours',
  reminder: (title: string) => `Rappel : ${title} n’a pas d’ordre du jour`,
  reminderBody: (date: string) => `Le COPIL du ${date} a lieu dans trois jours ouvrés et n’a pas encore d’ordre du jour. Proposez-le depuis la page de la réunion.`,
};

const EN: typeof FR = {
  footer: 'Sent by Jalon. Choose the e-mails you receive in « My account ».',
  open: 'Open in Jalon',
  when: 'When',
  duration: 'Duration',
  place: 'Place',
  video: 'Video link',
  organiser: 'Organiser',
  participants: 'Participants',
  minutes: (n) => `${n} min`,
  invitation: (title) => `Invitation: ${title}`,
  invitationUpdate: (title) => `Updated: ${title}`,
  invitationBody: 'You are invited to this meeting. Accept or decline it from your calendar.',
  invitationUpdateBody: 'The meeting changed. The invitation in your calendar is updated.',
  cancellation: (title) => `Cancelled: ${title}`,
  cancellationBody: 'This meeting is cancelled for you. It is removed from your calendar.',
  agenda: (title) => `Agenda: ${title}`,
  agendaBody: 'Here is the agenda of the meeting.',
  agendaEmpty: 'The agenda is not prepared yet.',
  minutesSubject: (title) => `Minutes: ${title}`,
  minutesBody: 'The meeting is closed. Here are its decisions and actions.',
  decisions: 'Decisions',
  actions: 'Actions',
  none: 'None.',
  due: (date) => `due ${date}`,
  digest: (project) => `Your week on ${project}`,
  digestBody: 'What awaits you this week.',
  overdue: 'Overdue',
  soonDue: 'Due within 7 days',
  treatments: 'Risk treatments',
  tasks: 'Tasks in progress',
  reminder: (title) => `Reminder: ${title} has no agenda`,
  reminderBody: (date) => `The COPIL of ${date} is three working days away and has no agenda yet. Propose it from the meeting's page.`,
};

export type MailWords = typeof FR;

export const mailWords = (language: MailLanguage): MailWords => (language === 'en' ? EN : FR);

/** A meeting's start as the recipient reads it, in the meeting's zone. */
export function formatWhen(instant: Date, timeZone: string, language: MailLanguage): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}

/** A calendar date 'YYYY-MM-DD' as the recipient reads it (never through a Date in the server's zone). */
export function formatDay(date: string, language: MailLanguage): string {
  const [y, m, d] = date.split('-');
  return language === 'en' ? `${d}/${m}/${y}` : `${d}/${m}/${y}`;
}
