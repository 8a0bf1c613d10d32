import Gantt, { type FrappeViewMode } from 'frappe-gantt';
import { viewModes, type DateInfo, type HeaderText } from './gantt-frappe';

const getDateInfo = (Gantt.prototype as unknown as { get_date_info(this: unknown, date: Date, last: DateInfo | null): DateInfo }).get_date_info;

/** What `get_date_info` reads of a chart. */
const chart = (dateFormat: string, mode: Partial<FrappeViewMode>) => ({
  config: { view_mode: { name: 'Test', step: '1d', ...mode }, date_format: dateFormat, column_width: 30 },
  options: { language: 'fr', upper_header_height: 26 },
});

const everyDay = (from: Date, days: number) => Array.from({ length: days }, (_, index) => new Date(from.getFullYear(), from.getMonth(), from.getDate() + index));

describe('frappe-gantt header columns', () => {
  // Two years with a change of time in each, and 2028's 29 February.
  const days = everyDay(new Date(2027, 0, 1), 731);

  it.each(['YYYY-MM-DD', 'YYYY-MM', 'YYYY'])('should name each %s column as frappe-gantt’s own formatter does', (format) => {
    let ours: DateInfo | null = null;
    let theirs: DateInfo | null = null;
    for (const date of days) {
      ours = getDateInfo.call(chart(format, { upper_text: () => 'u', lower_text: () => 'l' }), date, ours);
      // Header texts given as formats take frappe-gantt's own path.
      theirs = getDateInfo.call(chart(format, { upper_text: 'YYYY', lower_text: 'DD' }), date, theirs);
      expect({ ...ours, upper_text: '', lower_text: '' }).toEqual({ ...theirs, upper_text: '', lower_text: '' });
    }
    expect(ours!.x).toBe(30 * (days.length - 1));
    expect(ours!.lower_y).toBe(31);
  });

  it('should write the day and month views’ headers as frappe-gantt does, in French and English', () => {
    for (const language of ['fr', 'en']) {
      const [day, , month] = viewModes('Day', { language, weekPrefix: 'S' }) as [FrappeViewMode, FrappeViewMode, FrappeViewMode];
      let last: Date | null = null;
      for (const date of days) {
        expect((day.lower_text as HeaderText)(date, last, language)).toBe((Gantt.VIEW_MODE.DAY.lower_text as HeaderText)(date, last, language));
        expect((month.upper_text as HeaderText)(date, last, language)).toBe((Gantt.VIEW_MODE.MONTH.upper_text as HeaderText)(date, last, language));
        const frappeMonth = getDateInfo.call({ ...chart('YYYY-MM', { upper_text: 'YYYY', lower_text: 'MMMM' }), options: { language } }, date, null);
        expect((month.lower_text as HeaderText)(date, last, language)).toBe(frappeMonth.lower_text);
        last = date;
      }
    }
    const [, , month] = viewModes('Day', { language: 'fr', weekPrefix: 'S' });
    expect((month!.lower_text as HeaderText)(new Date(2027, 1, 1), null, 'fr')).toBe('Février');
  });
});
