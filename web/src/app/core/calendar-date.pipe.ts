import { Pipe, inject, type PipeTransform } from '@angular/core';
import { formatCalendarDate, type CalendarDateStyle } from '@jalon/planning';
import { LanguageService } from './language';

/**
 * Writes a calendar date ('YYYY-MM-DD') without any time-zone conversion, unlike Angular's
 * `date` pipe, which reads '2027-03-30' as local midnight and shows the day before in Paris once
 * formatted in UTC. Use it for every plan, go-live or due date; keep `date` for instants only.
 *
 *   {{ task.finish | calendarDate }}                                 → 28/12/2026
 *   {{ goLive | calendarDate: 'weekday-long' : language.current() }} → mardi 30 mars 2027
 *
 * Pure: pass the language signal's value so the text follows a language switch.
 */
@Pipe({ name: 'calendarDate' })
export class CalendarDatePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(date: string | null | undefined, style: CalendarDateStyle = 'short', language?: string): string {
    return formatCalendarDate(date, language ?? this.language.current(), style);
  }
}
