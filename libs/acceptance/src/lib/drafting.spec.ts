import { acceptanceCriteria, draftTestCase } from './drafting';

describe('acceptance criteria of a description', () => {
  it('takes one criterion per bullet or numbered line, markers removed, prose ignored', () => {
    const description = [
      'À l’arrivée d’un appel, la fiche contact s’ouvre :',
      '- en moins de 2 secondes',
      '* avec l’historique des 12 derniers mois',
      '• même pour un numéro masqué',
      '1. le conseiller peut la fermer',
      '2) elle se rouvre depuis l’historique',
      'a) sans double saisie',
      '– et se ferme à la clôture',
      'Remarque : hors périmètre du lot 2.',
    ].join('\n');
    expect(acceptanceCriteria(description)).toEqual([
      'en moins de 2 secondes',
      'avec l’historique des 12 derniers mois',
      'même pour un numéro masqué',
      'le conseiller peut la fermer',
      'elle se rouvre depuis l’historique',
      'sans double saisie',
      'et se ferme à la clôture',
    ]);
  });

  it('finds none in prose, in a negative number or in a word starting with a letter and a dot', () => {
    expect(acceptanceCriteria('Le SVI propose 3 choix.\n-5 % de temps d’attente\nE.g. un test')).toEqual([]);
  });

  it('reads Windows line ends and ignores empty bullets', () => {
    expect(acceptanceCriteria('- un\r\n- \r\n- deux')).toEqual(['un', 'deux']);
  });
});

describe('draft test case of a requirement', () => {
  it('has a step per criterion, the criticality of the priority and the reference in its title', () => {
    const draft = draftTestCase({
      reference: 'EXG-004',
      title: 'Pop-up de la fiche contact',
      description: 'Critères :\n- la fiche s’ouvre au décroché\n- le motif du dernier contact est affiché',
      priority: 'indispensable',
    });
    expect(draft.title).toBe('EXG-004 – Pop-up de la fiche contact');
    expect(draft.criticality).toBe('haute');
    expect(draft.steps).toEqual([
      { action: 'Vérifier : la fiche s’ouvre au décroché', data: '', expected: 'la fiche s’ouvre au décroché' },
      { action: 'Vérifier : le motif du dernier contact est affiché', data: '', expected: 'le motif du dernier contact est affiché' },
    ]);
  });

  it('has one step checking the whole requirement when the description lists no criterion', () => {
    const draft = draftTestCase({ reference: 'EXG-010', title: 'Export RGPD', description: 'Les données d’un client\nsont exportables.', priority: 'facultatif' });
    expect(draft.criticality).toBe('basse');
    expect(draft.steps).toEqual([{ action: 'Vérifier l’exigence EXG-010 : Export RGPD', data: '', expected: 'Les données d’un client sont exportables.' }]);
  });

  it('expects the title when the description is empty, and keeps the title within 300 characters', () => {
    const draft = draftTestCase({ reference: 'EXG-011', title: 'x'.repeat(400), description: '', priority: 'souhaitable' });
    expect(draft.steps[0]!.expected).toBe('x'.repeat(400));
    expect(draft.title.length).toBe(300);
    expect(draft.criticality).toBe('moyenne');
  });
});
