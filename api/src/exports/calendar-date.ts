/** 'YYYY-MM-DD' → 'dd/mm/yyyy', by text: a calendar date never goes through a time zone. */
export function frenchDate(date: string | null | undefined): string {
  if (!date) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}
