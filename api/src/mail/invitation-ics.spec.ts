import { buildInvitation, type InvitationInput } from './invitation-ics';

const input = (overrides: Partial<InvitationInput> = {}): InvitationInput => ({
  uid: 'meeting-1@jalon.test',
  method: 'REQUEST',
  sequence: 0,
  stamp: new Date('2027-01-10T08:00:00Z'),
  event: {
    title: 'COPIL\r\nBCC: evil@example.com',
    start: '2027-03-02T09:00:00.000Z',
    end: '2027-03-02T11:00:00.000Z',
    timeZone: 'Europe/Paris',
    place: 'Salle Jaurès',
    videoLink: '',
    url: 'https://jalon.test/projects/p/meetings/1',
    description: 'Ordre du jour dans Jalon',
    organiser: { name: 'Paula Martin', email: 'pm@example.com' },
  },
  attendees: [
    { email: 'a@example.com', name: 'Alice', userId: 'u1' },
    { email: 'b@example.com', name: 'Bob', userId: null },
  ],
  ...overrides,
});

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('buildInvitation', () => {
  it('should write METHOD:REQUEST, the UID, SEQUENCE, ORGANIZER, one ATTENDEE per person, VTIMEZONE and local TZID times', () => {
    const ics = unfold(buildInvitation(input({ sequence: 3 })));
    expect(ics).toMatch(/^METHOD:REQUEST$/m);
    expect(ics).toMatch(/^UID:meeting-1@jalon\.test$/m);
    expect(ics).toMatch(/^SEQUENCE:3$/m);
    expect(ics).toMatch(/^ORGANIZER;CN="Paula Martin":mailto:pm@example\.com$/m);
    expect(ics.match(/^ATTENDEE.*$/gm)).toHaveLength(2);
    expect(ics).toMatch(/^BEGIN:VTIMEZONE\r?$/m);
    expect(ics).toMatch(/^TZID:Europe\/Paris\r?$/m);
    // 09:00 UTC on 2 March is 10:00 in Paris (CET).
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Paris:20270302T100000$/m);
    expect(ics).toMatch(/^DTEND;TZID=Europe\/Paris:20270302T120000$/m);
    // CR/LF of the title never opens a new line.
    expect(ics).not.toMatch(/^BCC/m);
  });

  it('should keep 10:00 across the daylight-saving change', () => {
    const ics = unfold(buildInvitation(input({ event: { ...input().event, start: '2027-04-06T08:00:00.000Z', end: '2027-04-06T10:00:00.000Z' } })));
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Paris:20270406T100000$/m);
  });

  it('should cancel with the same UID and STATUS:CANCELLED', () => {
    const ics = unfold(buildInvitation(input({ method: 'CANCEL', sequence: 4 })));
    expect(ics).toMatch(/^METHOD:CANCEL$/m);
    expect(ics).toMatch(/^UID:meeting-1@jalon\.test$/m);
    expect(ics).toMatch(/^SEQUENCE:4$/m);
    expect(ics).toMatch(/^STATUS:CANCELLED$/m);
  });

  it('should send a series as one event with RRULE and EXDATE, and a moved occurrence as a RECURRENCE-ID override', () => {
    const ics = unfold(
      buildInvitation(
        input({
          uid: 'series-9@jalon.test',
          recurrence: {
            rrule: 'FREQ=MONTHLY;BYDAY=1TU',
            exdates: ['2027-05-04T08:00:00.000Z'],
            overrides: [{ recurrenceId: '2027-04-06T08:00:00.000Z', start: '2027-04-07T08:00:00.000Z', end: '2027-04-07T10:00:00.000Z' }],
          },
        }),
      ),
    );
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(2);
    expect(ics.match(/^UID:series-9@jalon\.test$/gm)).toHaveLength(2);
    expect(ics).toMatch(/^RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1$/m);
    expect(ics).toMatch(/^EXDATE;TZID=Europe\/Paris:20270504T100000$/m);
    expect(ics).toMatch(/^RECURRENCE-ID;TZID=Europe\/Paris:20270406T100000$/m);
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Paris:20270407T100000$/m);
  });
});
