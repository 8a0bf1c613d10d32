import type { Shape } from './shape';

/** French texts of « Mes tâches » (the reference language). */
export const MYTASKS_FR = {
  myTasks: {
    title: 'Mes tâches',
    subtitle: 'Les tâches qui vous sont affectées dans vos projets. Indiquez leur avancement et leurs dates réelles.',
    empty: 'Aucune tâche ne vous est affectée pour le moment.',
    project: 'Projet',
    task: 'Tâche',
    planned: 'Dates prévues',
    progress: 'Avancement',
    actualStart: 'Début réel',
    actualFinish: 'Fin réelle',
    actions: 'Actions',
    save: 'Enregistrer',
    saved: 'Avancement de « {{name}} » enregistré.',
    readOnly: 'Lecture seule',
    progressInvalid: 'L’avancement de « {{name}} » doit être un nombre entier de 0 à 100.',
    fields: {
      progress: 'Avancement',
      actualStart: 'Début réel',
      actualFinish: 'Fin réelle',
      version: 'Version',
    },
  },
};

export type MyTasksTranslations = Shape<typeof MYTASKS_FR>;
