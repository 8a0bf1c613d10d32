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
    treatments: {
      title: 'Traitements de risques à échéance',
      subtitle: 'Les actions de traitement des risques dont vous êtes responsable, en retard ou à échéance dans les deux semaines.',
      empty: 'Aucun traitement de risque ne vous attend dans les deux semaines.',
      risk: 'Risque',
      treatment: 'Traitement',
      due: 'Échéance',
      overdue: 'En retard',
    },
    fields: {
      progress: 'Avancement',
      actualStart: 'Début réel',
      actualFinish: 'Fin réelle',
      version: 'Version',
    },
  },
};

export type MyTasksTranslations = Shape<typeof MYTASKS_FR>;
