/**
 * VTIMEZONE blocks for the calendar parts of invitations. Europe/Paris has followed the EU rule
 * (last Sunday of March 02:00 → CEST, last Sunday of October 03:00 → CET) since 1996; Outlook
 * needs the block to place TZID times, so Jalon writes it rather than relying on the client's
 * own database.
 */
const VTIMEZONES: Record<string, string> = {
  'Europe/Paris': [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Paris',
    'X-LIC-LOCATION:Europe/Paris',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n'),
};

/** The VTIMEZONE of `timeZone`, or null when Jalon has none (times are then written in UTC). */
export function vtimezone(timeZone: string): string | null {
  return VTIMEZONES[timeZone] ?? null;
}
