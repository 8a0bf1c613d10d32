import type { ProjectEntity } from '../projects/entities/project.entity';

export const DEMO_PROJECT: Pick<
  ProjectEntity,
  'name' | 'company' | 'description' | 'status' | 'weather' | 'weatherComment'
> = {
  name: 'Déploiement plateforme relation client — Lot 1',
  company: 'Mutuelle Horizon',
  description:
    'Remplacement de la plateforme de centre de contacts : voix (Lot 1), puis email et chat. ' +
    'Rétroplanning calculé à rebours depuis la mise en production.',
  status: 'in_progress',
  weather: 'cloudy',
  weatherComment: 'Prérequis réseau à confirmer avec l’éditeur avant la fin des ateliers.',
};

/** About four months after `today`, on a Tuesday so the go-live never falls on a weekend. */
export function demoGoLive(today: Date): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 4, today.getUTCDate()));
  const daysToTuesday = (2 - date.getUTCDay() + 7) % 7;
  date.setUTCDate(date.getUTCDate() + daysToTuesday);
  return date.toISOString().slice(0, 10);
}
