import type { Shape } from './shape';

/** French texts of the projects pages (the reference language). */
export const PROJECTS_FR = {
  projects: {
    create: {
      title: 'Nouveau projet',
      name: 'Nom du projet',
      company: 'Entreprise',
      template: 'Partir du modèle « déploiement centre de contacts » (phases, tâches, jalons, rétroplanifiés depuis la mise en production)',
      cancel: 'Annuler',
      submit: 'Créer le projet',
    },
    edit: {
      title: 'Modifier le projet',
      open: 'Modifier',
      description: 'Description',
      status: 'Statut',
      weatherComment: 'Commentaire sur la météo',
      saved: 'Projet enregistré.',
      errors: {
        stale_version: 'Quelqu’un a modifié ce projet entre-temps. Fermez cette fenêtre et rouvrez-la pour repartir de sa version actuelle.',
      },
    },
    fields: {
      name: 'Nom du projet',
      company: 'Entreprise',
      description: 'Description',
      status: 'Statut',
      weather: 'Météo',
      weatherComment: 'Commentaire sur la météo',
      targetGoLive: 'Mise en production',
    },
    title: 'Mes projets',
    subtitle: 'Déploiements en cours et leur météo',
    empty: 'Aucun projet pour le moment.',
    goLive: 'Mise en production',
    daysToGoLive: 'J-{{days}}',
    goLivePassed: 'En production depuis {{days}} j',
    goLiveToday: 'Mise en production aujourd’hui',
    open: 'Ouvrir le planning',
    status: {
      cadrage: 'Cadrage',
      in_progress: 'En cours',
      incubation: 'Incubation',
      closed: 'Clôturé',
    },
    weather: {
      label: 'Météo',
      sunny: 'Ensoleillé',
      cloudy: 'Nuageux',
      stormy: 'Orageux',
    },
  },
};

export type ProjectsTranslations = Shape<typeof PROJECTS_FR>;
