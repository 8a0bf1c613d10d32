import type { Shape } from './shape';

/** French texts of « Mon travail », each user's home across projects (the reference language). */
export const MYWORK_FR = {
  myWork: {
    nav: 'Mon travail',
    title: 'Mon travail',
    subtitle: 'Ce qui vous est confié dans tous vos projets : le retard d’abord, puis vos tâches, actions, traitements de risques, tests et prochaines réunions.',
    loadFailed: 'Impossible de charger votre travail. Réessayez dans un instant.',
    counts: '{{overdue}} en retard · {{tasks}} tâche(s) · {{actions}} action(s) · {{treatments}} traitement(s) · {{tests}} test(s) · {{meetings}} réunion(s)',
    sectionCount: '{{count}} · dont {{overdue}} en retard',
    project: 'Projet',
    kind: 'Nature',
    item: 'Élément',
    due: 'Échéance',
    status: 'Statut',
    overdue: 'En retard',
    kinds: {
      task: 'Tâche',
      action: 'Action',
      treatment: 'Traitement de risque',
      test: 'Test',
    },
    late: {
      title: 'En retard',
      empty: 'Rien n’est en retard. Bravo !',
    },
    tasks: {
      title: 'Tâches à renseigner',
      help: 'Vos tâches non terminées qui commencent dans les deux semaines ou sont déjà commencées.',
      empty: 'Aucune tâche à renseigner pour le moment.',
      planned: 'Dates prévues',
      progress: 'Avancement',
    },
    actions: {
      title: 'Actions',
      help: 'Les actions de réunion dont vous êtes responsable, à faire ou en cours.',
      empty: 'Aucune action ouverte ne vous est confiée.',
    },
    treatments: {
      title: 'Traitements de risques',
      help: 'Les traitements ouverts des risques dont vous êtes responsable.',
      empty: 'Aucun traitement de risque ouvert ne vous est confié.',
      risk: 'Risque',
    },
    tests: {
      title: 'Tests à exécuter',
      help: 'Les cas de recette qui vous sont affectés et restent à exécuter ; l’échéance est la fin de la campagne.',
      empty: 'Aucun test ne vous attend.',
    },
    meetings: {
      title: 'Prochaines réunions',
      help: 'Les réunions que vous organisez ou auxquelles vous participez.',
      empty: 'Aucune réunion à venir.',
      when: 'Date',
      type: 'Type',
      meeting: 'Réunion',
    },
  },
};

export type MyWorkTranslations = Shape<typeof MYWORK_FR>;
