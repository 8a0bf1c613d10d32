import { guessImportMapping, parseRequirementCategory, parseRequirementConformity, parseRequirementPriority, parseRequirementStatus } from './import-mapping';

describe('import mapping', () => {
  it('guesses the columns of a usual grille de conformité', () => {
    expect(
      guessImportMapping(['N° exigence', 'Intitulé', 'Description détaillée', 'Domaine', 'Priorité', 'Lot', 'Réponse éditeur', 'Commentaire']),
    ).toEqual({
      reference: 'N° exigence',
      title: 'Intitulé',
      description: 'Description détaillée',
      category: 'Domaine',
      priority: 'Priorité',
      lot: 'Lot',
      conformity: 'Réponse éditeur',
    });
  });

  it('reads the export’s own headers and gives a header to one field only', () => {
    expect(guessImportMapping(['Référence', 'Titre', 'Description', 'Catégorie', 'Priorité', 'Lot', 'Conformité', 'Statut'])).toEqual({
      reference: 'Référence',
      title: 'Titre',
      description: 'Description',
      category: 'Catégorie',
      priority: 'Priorité',
      lot: 'Lot',
      conformity: 'Conformité',
      status: 'Statut',
    });
    expect(guessImportMapping(['Exigence', 'Exigence'])).toEqual({ title: 'Exigence' });
  });

  it('reads codes, French labels and usual grades', () => {
    expect(parseRequirementPriority('Indispensable')).toBe('indispensable');
    expect(parseRequirementPriority('P2')).toBe('souhaitable');
    expect(parseRequirementPriority('optionnel')).toBe('facultatif');
    expect(parseRequirementPriority('urgent')).toBeNull();
    expect(parseRequirementCategory('Sécurité')).toBe('securite');
    expect(parseRequirementCategory('rgpd')).toBe('rgpd');
    expect(parseRequirementCategory('Fonctionnel')).toBe('fonctionnelle');
    expect(parseRequirementConformity('Non disponible')).toBe('non_disponible');
    expect(parseRequirementConformity('Spécifique')).toBe('specifique');
    expect(parseRequirementConformity('')).toBeNull();
    expect(parseRequirementStatus('Validée')).toBe('validee');
  });
});
