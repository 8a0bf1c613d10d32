import {
  REQUIREMENT_CATEGORIES,
  REQUIREMENT_CONFORMITIES,
  REQUIREMENT_IMPORT_FIELDS,
  REQUIREMENT_PRIORITIES,
  REQUIREMENT_STATUSES,
  type RequirementCategory,
  type RequirementConformity,
  type RequirementImportField,
  type RequirementImportMapping,
  type RequirementPriority,
  type RequirementStatus,
} from '@jalon/domain';
import {
  REQUIREMENT_CATEGORY_LABELS_FR,
  REQUIREMENT_CONFORMITY_LABELS_FR,
  REQUIREMENT_PRIORITY_LABELS_FR,
  REQUIREMENT_STATUS_LABELS_FR,
} from './labels';

/** Lower case, no accents, no punctuation, single spaces: « N° d'exigence » → « n d exigence ». */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The headers a grille de conformité uses for each field, normalised, most specific first. A
 * header is taken by the first field one of whose words it equals or starts with.
 */
const HEADER_SYNONYMS: Record<RequirementImportField, string[]> = {
  reference: ['reference', 'ref', 'id exigence', 'identifiant', 'n exigence', 'numero', 'code exigence', 'code', 'id', 'n'],
  title: ['titre', 'intitule', 'libelle', 'exigence', 'title', 'nom', 'objet'],
  description: ['description', 'detail', 'criteres d acceptation', 'criteres', 'texte', 'commentaire du besoin', 'besoin'],
  category: ['categorie', 'category', 'type d exigence', 'type', 'domaine', 'nature'],
  priority: ['priorite', 'priority', 'importance', 'criticite', 'niveau'],
  lot: ['lot', 'perimetre', 'phase'],
  conformity: ['conformite', 'reponse editeur', 'reponse du titulaire', 'reponse fournisseur', 'reponse', 'conformity', 'couverture'],
  status: ['statut', 'status', 'etat'],
};

/**
 * The mapping guessed from a file's headers: each field takes the first header that matches one
 * of its names exactly, then one that starts with one of them; a header feeds one field at most.
 */
export function guessImportMapping(headers: readonly string[]): RequirementImportMapping {
  const mapping: RequirementImportMapping = {};
  const taken = new Set<string>();
  const normalised = headers.map((header) => ({ header, key: normaliseLabel(header) }));
  for (const pass of ['exact', 'prefix'] as const) {
    for (const field of REQUIREMENT_IMPORT_FIELDS) {
      if (mapping[field]) continue;
      for (const synonym of HEADER_SYNONYMS[field]) {
        const found = normalised.find(
          ({ header, key }) => !taken.has(header) && key !== '' && (pass === 'exact' ? key === synonym : key.startsWith(`${synonym} `)),
        );
        if (found) {
          mapping[field] = found.header;
          taken.add(found.header);
          break;
        }
      }
    }
  }
  return mapping;
}

function lookup<T extends string>(text: string, codes: readonly T[], labels: Record<T, string>, aliases: Record<string, T> = {}): T | null {
  const wanted = normaliseLabel(text);
  if (wanted === '') return null;
  return codes.find((code) => normaliseLabel(code) === wanted || normaliseLabel(labels[code]) === wanted) ?? aliases[wanted] ?? null;
}

/** A category from its code or French label (« RGPD », « Sécurité », « fonctionnel »…). */
export function parseRequirementCategory(text: string): RequirementCategory | null {
  return lookup(text, REQUIREMENT_CATEGORIES, REQUIREMENT_CATEGORY_LABELS_FR, {
    fonctionnel: 'fonctionnelle',
    fonctionnalite: 'fonctionnelle',
    metier: 'fonctionnelle',
    'securite et rgpd': 'securite',
    'protection des donnees': 'rgpd',
    donnees: 'rgpd',
    'technique et integration': 'technique',
    integration: 'technique',
    'pilotage et reporting': 'reporting',
    tableaux: 'reporting',
    'tableaux de bord': 'reporting',
    'conduite du changement': 'formation',
  });
}

/** A priority from its code, its French label, or the usual grades (P1/P2/P3, obligatoire, optionnel…). */
export function parseRequirementPriority(text: string): RequirementPriority | null {
  return lookup(text, REQUIREMENT_PRIORITIES, REQUIREMENT_PRIORITY_LABELS_FR, {
    p1: 'indispensable',
    obligatoire: 'indispensable',
    imperatif: 'indispensable',
    essentiel: 'indispensable',
    essentielle: 'indispensable',
    p2: 'souhaitable',
    souhaite: 'souhaitable',
    souhaitee: 'souhaitable',
    p3: 'facultatif',
    facultative: 'facultatif',
    optionnel: 'facultatif',
    optionnelle: 'facultatif',
  });
}

/** The vendor's answer (« Standard », « Spécifique », « Non disponible », « Paramétrage »…); empty: none. */
export function parseRequirementConformity(text: string): RequirementConformity | null {
  return lookup(text, REQUIREMENT_CONFORMITIES, REQUIREMENT_CONFORMITY_LABELS_FR, {
    std: 'standard',
    'en standard': 'standard',
    parametrage: 'standard',
    specifique: 'specifique',
    developpement: 'specifique',
    'developpement specifique': 'specifique',
    nd: 'non_disponible',
    'non couvert': 'non_disponible',
    'non conforme': 'non_disponible',
    indisponible: 'non_disponible',
  });
}

export function parseRequirementStatus(text: string): RequirementStatus | null {
  return lookup(text, REQUIREMENT_STATUSES, REQUIREMENT_STATUS_LABELS_FR, {
    valide: 'validee',
    draft: 'brouillon',
    'a valider': 'brouillon',
  });
}
