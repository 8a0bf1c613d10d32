import { Injectable } from '@nestjs/common';
import type {
  RequirementCategory,
  RequirementConformity,
  RequirementPriority,
  RequirementStatus,
  TestCaseCriticality,
  TestCaseStatus,
  TestStep,
} from '@jalon/domain';
import { REQUIREMENT_REFERENCE_PREFIX, TEST_CASE_REFERENCE_PREFIX, formatReference } from '@jalon/acceptance';
import { demoProjectOf, type DemoSeedContext, type DemoSeeder } from '../demo/demo-seeder';

const PM = 'pm@demo.jalon.fr';

interface DemoRequirement {
  title: string;
  description: string;
  category: RequirementCategory;
  priority: RequirementPriority;
  conformity: RequirementConformity | null;
  status: RequirementStatus;
  /** An earlier content the requirement had before it was revised (revision 1). */
  previous?: { title?: string; description?: string; priority?: RequirementPriority };
}

interface DemoCase {
  title: string;
  preconditions: string;
  criticality: TestCaseCriticality;
  status: TestCaseStatus;
  /** The numbers of the requirements it checks (1 for EXG-001). */
  requirements: number[];
  steps: Array<[action: string, data: string, expected: string]>;
}

const R = (
  title: string,
  category: RequirementCategory,
  priority: RequirementPriority,
  conformity: RequirementConformity | null,
  criteria: string[],
  intro = '',
  status: RequirementStatus = 'validee',
): DemoRequirement => ({
  title,
  description: [intro, ...criteria.map((criterion) => `- ${criterion}`)].filter((line) => line !== '').join('\n'),
  category,
  priority,
  conformity,
  status,
});

/**
 * The requirements of the demo's cahier des charges, EXG-001 to EXG-040, along the journey of a
 * customer request in the contact centre (routing, the contact card pop-up, the channel rebound,
 * qualification, closure and merge), then supervision, reporting, RGPD, security and training.
 */
export const DEMO_REQUIREMENTS: DemoRequirement[] = [
  // Routage (EXG-001 – 006)
  R('Routage des appels par compétence', 'fonctionnelle', 'indispensable', 'standard', [
    'l’appel est distribué au conseiller disponible ayant la compétence demandée',
    'à compétence égale, le conseiller inactif depuis le plus longtemps est servi en premier',
    'un appel sans conseiller compétent disponible reste en file avec message d’attente',
  ], 'Le SVI oriente l’appel selon le choix du client :'),
  R('Menu SVI à deux niveaux', 'fonctionnelle', 'indispensable', 'standard', [
    'le premier niveau propose facturation, dépannage, résiliation et autre demande',
    'le client peut revenir au menu précédent avec la touche étoile',
    'les messages sont modifiables par le superviseur sans intervention de l’éditeur',
  ]),
  R('Débordement vers le site secondaire', 'fonctionnelle', 'souhaitable', 'specifique', [
    'au-delà de 3 minutes d’attente, l’appel déborde vers le site de Lille',
    'le seuil de débordement est paramétrable par file',
  ]),
  R('Routage des e-mails entrants', 'fonctionnelle', 'indispensable', 'standard', [
    'un e-mail reçu sur la boîte du service client crée une demande',
    'la demande est affectée à la file e-mail du domaine détecté',
    'un accusé de réception est envoyé au client dans les 5 minutes',
  ]),
  R('Horaires d’ouverture et jours fériés', 'fonctionnelle', 'indispensable', 'standard', [
    'hors horaires, le client entend le message de fermeture avec les horaires',
    'le calendrier des jours fériés est importable pour l’année',
  ]),
  R('Rappel automatique en cas d’attente longue', 'fonctionnelle', 'facultatif', 'non_disponible', [
    'le client peut demander à être rappelé plutôt que d’attendre',
    'le rappel est placé dans la file avec sa position d’origine',
  ], '', 'brouillon'),
  // Fiche contact (EXG-007 – 011)
  {
    ...R('Remontée de la fiche contact au décroché', 'fonctionnelle', 'indispensable', 'standard', [
      'la fiche du client s’ouvre en moins de 2 secondes après le décroché',
      'le client est reconnu par son numéro appelant ou son numéro de contrat',
      'un numéro inconnu ouvre une fiche de recherche préremplie',
    ]),
    previous: {
      description: '- la fiche du client s’ouvre au décroché\n- le client est reconnu par son numéro appelant',
    },
  },
  R('Historique des interactions sur la fiche', 'fonctionnelle', 'indispensable', 'standard', [
    'la fiche affiche les contacts des 24 derniers mois, tous canaux confondus',
    'chaque contact indique le canal, la date, le motif et le conseiller',
  ]),
  R('Bandeau d’alerte client sensible', 'fonctionnelle', 'souhaitable', 'specifique', [
    'un client en réclamation ouverte est signalé par un bandeau visible',
    'le bandeau indique le nombre de réclamations en cours',
  ]),
  R('Recherche d’un client', 'fonctionnelle', 'indispensable', 'standard', [
    'la recherche accepte le nom, le numéro de contrat, l’e-mail ou le téléphone',
    'les résultats apparaissent en moins de 3 secondes sur la base de production',
  ]),
  R('Synchronisation de la fiche avec le CRM', 'technique', 'indispensable', 'specifique', [
    'une modification d’adresse saisie par le conseiller est visible dans le CRM en moins d’une minute',
    'en cas d’indisponibilité du CRM, la saisie est conservée et rejouée',
  ]),
  // Rebond de canal (EXG-012 – 015)
  R('Rebond d’un chat vers un appel', 'fonctionnelle', 'indispensable', 'specifique', [
    'le conseiller peut proposer un rappel téléphonique depuis la conversation de chat',
    'la demande reste la même : l’historique du chat est visible pendant l’appel',
  ]),
  R('Envoi d’un SMS de suivi', 'fonctionnelle', 'souhaitable', 'standard', [
    'le conseiller envoie un SMS à partir d’un modèle depuis la demande',
    'le SMS envoyé apparaît dans l’historique de la fiche',
  ]),
  R('Rebond d’un e-mail vers un appel sortant', 'fonctionnelle', 'souhaitable', 'standard', [
    'un clic sur le numéro de la fiche lance l’appel sortant',
    'l’appel sortant est rattaché à la demande issue de l’e-mail',
  ]),
  R('Continuité d’une demande entre canaux', 'fonctionnelle', 'indispensable', 'specifique', [
    'une demande garde sa référence quel que soit le canal de réponse',
    'le délai de traitement court depuis le premier contact',
  ], 'Le client ne répète pas sa demande quand il change de canal.'),
  // Qualification (EXG-016 – 019)
  R('Qualification obligatoire du contact', 'fonctionnelle', 'indispensable', 'standard', [
    'le conseiller ne peut pas clore le contact sans motif et sous-motif',
    'la liste des motifs est celle validée par les métiers (3 niveaux au plus)',
  ]),
  R('Temps de post-appel paramétrable', 'fonctionnelle', 'souhaitable', 'standard', [
    'le conseiller dispose de 30 secondes de post-appel par défaut',
    'le superviseur peut ajuster le temps par file',
  ]),
  R('Création d’une réclamation depuis le contact', 'fonctionnelle', 'indispensable', 'standard', [
    'le motif « réclamation » crée une demande de niveau 2',
    'la demande est transmise au back-office avec la fiche et l’historique',
  ]),
  R('Modèles de réponse par motif', 'fonctionnelle', 'facultatif', 'standard', [
    'le conseiller choisit un modèle d’e-mail proposé selon le motif',
  ], '', 'brouillon'),
  // Clôture et fusion (EXG-020 – 023)
  R('Clôture d’une demande', 'fonctionnelle', 'indispensable', 'standard', [
    'une demande close n’est plus modifiable, sauf réouverture tracée',
    'le client reçoit une enquête de satisfaction à la clôture',
  ]),
  R('Fusion de demandes en doublon', 'fonctionnelle', 'indispensable', 'specifique', [
    'le conseiller fusionne deux demandes du même client',
    'la demande fusionnée garde les échanges des deux demandes',
    'la fusion est tracée et annulable pendant 24 heures',
  ]),
  R('Réouverture automatique sur relance du client', 'fonctionnelle', 'souhaitable', 'standard', [
    'un e-mail du client sur une demande close depuis moins de 15 jours la rouvre',
    'au-delà, une nouvelle demande est créée et liée à l’ancienne',
  ]),
  R('Clôture automatique des demandes sans réponse', 'fonctionnelle', 'facultatif', 'standard', [
    'une demande en attente du client depuis 30 jours est close automatiquement',
  ]),
  // Supervision et tableaux de bord (EXG-024 – 027)
  R('Tableau de bord temps réel du superviseur', 'reporting', 'indispensable', 'standard', [
    'le tableau affiche par file les appels en attente, le temps d’attente maximal et les conseillers par statut',
    'les données se rafraîchissent toutes les 5 secondes au plus',
  ]),
  R('Alerte de dépassement du seuil d’attente', 'reporting', 'souhaitable', 'standard', [
    'une file dont l’attente dépasse le seuil passe en rouge',
    'le superviseur reçoit une notification',
  ]),
  R('Écoute et coaching des conseillers', 'fonctionnelle', 'souhaitable', 'standard', [
    'le superviseur écoute un appel en cours sans être entendu',
    'il peut chuchoter au conseiller puis intervenir dans l’appel',
  ]),
  R('Taux de décroché par file', 'reporting', 'indispensable', 'standard', [
    'le taux de décroché est calculé par file et par tranche de 15 minutes',
    'les appels abandonnés en moins de 5 secondes sont exclus',
  ]),
  // Reporting (EXG-028 – 031)
  R('Rapport quotidien d’activité', 'reporting', 'indispensable', 'standard', [
    'le rapport donne les volumes par canal, le taux de décroché et la durée moyenne de traitement',
    'il est envoyé chaque matin à 7 h aux responsables de plateau',
  ]),
  R('Export des contacts qualifiés', 'reporting', 'souhaitable', 'standard', [
    'l’export au format .xlsx contient les contacts de la période avec leurs motifs',
  ]),
  R('Indicateur de résolution au premier contact', 'reporting', 'souhaitable', 'specifique', [
    'une demande close sans second contact sous 7 jours compte comme résolue au premier contact',
  ]),
  R('Historisation des indicateurs sur 3 ans', 'technique', 'facultatif', 'non_disponible', [
    'les indicateurs agrégés sont conservés 3 ans pour comparaison',
  ]),
  // RGPD et sécurité (EXG-032 – 036)
  R('Information du client sur l’enregistrement', 'rgpd', 'indispensable', 'standard', [
    'le message d’accueil informe de l’enregistrement et de la possibilité de s’y opposer',
    'l’opposition du client arrête l’enregistrement de l’appel',
  ]),
  R('Durée de conservation des enregistrements', 'rgpd', 'indispensable', 'standard', [
    'les enregistrements sont purgés automatiquement après 6 mois',
    'la purge est journalisée',
  ]),
  R('Droit d’accès et d’effacement', 'rgpd', 'indispensable', 'specifique', [
    'le délégué à la protection des données exporte toutes les données d’un client',
    'l’effacement anonymise la fiche et ses contacts sans casser les statistiques',
  ]),
  R('Authentification unique des conseillers', 'securite', 'indispensable', 'standard', [
    'les conseillers se connectent avec leur compte de l’annuaire de l’entreprise',
    'la session se ferme après 15 minutes d’inactivité',
  ]),
  R('Habilitations par profil', 'securite', 'indispensable', 'standard', [
    'un conseiller ne voit que les files de son équipe',
    'seuls les superviseurs accèdent aux enregistrements',
  ]),
  // Technique (EXG-037)
  R('Disponibilité de la solution', 'technique', 'indispensable', 'standard', [
    'la disponibilité mensuelle est d’au moins 99,9 % sur les heures d’ouverture',
    'une bascule sur le site de secours se fait en moins de 15 minutes',
  ]),
  // Formation (EXG-038 – 040)
  R('Formation des utilisateurs clés', 'formation', 'indispensable', null, [
    'chaque utilisateur clé suit 2 jours de formation avant la recette',
    'un support de formation en français est remis',
  ]),
  R('Formation des conseillers avant bascule', 'formation', 'indispensable', null, [
    'chaque conseiller suit une demi-journée de formation la semaine de sa bascule',
    'un environnement de formation avec des données fictives est disponible',
  ]),
  {
    ...R('Guide utilisateur en ligne', 'formation', 'souhaitable', 'standard', [
      'le guide est accessible depuis l’application',
    ], '', 'obsolete'),
  },
];

const C = (
  title: string,
  requirements: number[],
  steps: Array<[string, string, string]>,
  criticality: TestCaseCriticality = 'haute',
  preconditions = 'Conseiller connecté au poste de recette, statut « disponible ».',
  status: TestCaseStatus = 'pret',
): DemoCase => ({ title, preconditions, criticality, status, requirements, steps });

/** The demo's test cases, CT-001 to CT-030, following the same journey. */
export const DEMO_CASES: DemoCase[] = [
  C('Appel entrant routé vers le groupe Facturation', [1, 2], [
    ['Appeler le numéro du service client depuis le poste de test', 'Numéro 01 70 00 00 01', 'Le SVI annonce le menu à quatre choix'],
    ['Taper 1 (facturation)', '', 'L’appel est placé dans la file Facturation'],
    ['Observer le poste du conseiller Facturation disponible', 'Conseiller : Claire Martin', 'Le poste sonne et affiche « Facturation »'],
    ['Décrocher', '', 'La communication est établie'],
  ]),
  C('Retour au menu précédent du SVI', [2], [
    ['Appeler le service client', '', 'Le menu de premier niveau est annoncé'],
    ['Taper 2 puis étoile', '', 'Le menu de premier niveau est annoncé à nouveau'],
    ['Taper 4 (autre demande)', '', 'L’appel est placé dans la file Accueil'],
  ], 'moyenne'),
  C('Attente sans conseiller compétent', [1], [
    ['Passer tous les conseillers Dépannage en pause', 'Compte superviseur', 'La file Dépannage n’a plus de conseiller disponible'],
    ['Appeler et taper 2 (dépannage)', '', 'Le message d’attente est diffusé'],
    ['Remettre un conseiller Dépannage disponible', '', 'L’appel lui est distribué dans les 5 secondes'],
  ]),
  C('Débordement vers le site de Lille', [3], [
    ['Régler le seuil de débordement de la file Facturation à 1 minute', 'Compte superviseur', 'Le seuil est enregistré'],
    ['Passer les conseillers Facturation de Paris en pause et appeler', '', 'L’appel attend en file'],
    ['Attendre 1 minute', '', 'L’appel est distribué à un conseiller du site de Lille'],
    ['Remettre le seuil à 3 minutes', '', 'Le seuil est enregistré'],
  ], 'moyenne'),
  C('E-mail entrant transformé en demande', [4], [
    ['Envoyer un e-mail au service client', 'Objet : « Erreur sur ma facture de mars »', 'Une demande est créée dans la file E-mail Facturation'],
    ['Consulter la boîte de l’expéditeur', '', 'Un accusé de réception est arrivé en moins de 5 minutes'],
    ['Ouvrir la demande côté conseiller', '', 'Le corps de l’e-mail et la pièce jointe sont visibles'],
  ]),
  C('Message de fermeture hors horaires', [5], [
    ['Déclarer le jour de test comme jour férié dans le calendrier', 'Compte superviseur', 'Le jour apparaît comme fermé'],
    ['Appeler le service client', '', 'Le message de fermeture annonce les horaires d’ouverture'],
    ['Retirer le jour férié de test', '', 'Le jour redevient ouvert'],
  ], 'moyenne'),
  C('Fiche contact au décroché d’un client connu', [7], [
    ['Appeler depuis le numéro d’un client de test', 'Client : Jeanne Dupont, 06 12 34 56 78', 'L’appel est distribué au conseiller'],
    ['Décrocher', '', 'La fiche de Jeanne Dupont s’ouvre en moins de 2 secondes'],
    ['Vérifier l’en-tête de la fiche', '', 'Le nom, le numéro de contrat et l’adresse sont affichés'],
  ]),
  C('Fiche de recherche pour un numéro inconnu', [7, 10], [
    ['Appeler depuis un numéro absent de la base', '07 99 99 99 99', 'L’appel est distribué au conseiller'],
    ['Décrocher', '', 'Une fiche de recherche s’ouvre avec le numéro prérempli'],
    ['Rechercher le client par son numéro de contrat', 'Contrat C-204518', 'La fiche du client est trouvée en moins de 3 secondes'],
    ['Associer le numéro à la fiche', '', 'Le numéro est ajouté aux téléphones du client'],
  ]),
  C('Historique multicanal sur la fiche', [8], [
    ['Ouvrir la fiche d’un client ayant appelé, écrit et chatté', 'Client : Marc Leroy', 'L’onglet Historique liste ses contacts'],
    ['Vérifier chaque ligne de l’historique', '', 'Canal, date, motif et conseiller sont renseignés'],
    ['Filtrer sur le canal e-mail', '', 'Seuls les e-mails restent affichés'],
  ], 'moyenne'),
  C('Bandeau client en réclamation', [9], [
    ['Ouvrir la fiche d’un client ayant une réclamation ouverte', 'Client : Sophie Bernard', 'Un bandeau rouge « Réclamation en cours (1) » est affiché'],
    ['Ouvrir une seconde réclamation pour ce client', 'Motif : Réclamation / Facturation', 'Le bandeau indique « Réclamation en cours (2) »'],
    ['Clore les deux réclamations', '', 'Le bandeau disparaît à la réouverture de la fiche'],
  ], 'basse'),
  C('Mise à jour de l’adresse synchronisée avec le CRM', [11], [
    ['Modifier l’adresse du client depuis la fiche', 'Nouvelle adresse : 12 rue des Lilas, 59000 Lille', 'L’adresse est enregistrée'],
    ['Consulter le client dans le CRM', '', 'La nouvelle adresse y figure en moins d’une minute'],
    ['Couper l’interface CRM puis modifier le téléphone', 'Avec l’intégrateur', 'La modification est conservée en attente'],
    ['Rétablir l’interface CRM', '', 'La modification est rejouée et visible dans le CRM'],
  ]),
  C('Rebond d’un chat vers un rappel téléphonique', [12, 15], [
    ['Ouvrir un chat depuis l’espace client', 'Compte client de test', 'Le chat est distribué à un conseiller'],
    ['Proposer un rappel depuis la conversation', '', 'Le client accepte le rappel dans le chat'],
    ['Lancer l’appel sortant proposé', '', 'Le téléphone du client sonne'],
    ['Consulter la demande pendant l’appel', '', 'L’historique du chat est visible dans la même demande'],
  ]),
  C('SMS de suivi envoyé depuis la demande', [13], [
    ['Ouvrir une demande en cours', '', 'La demande s’affiche'],
    ['Envoyer le modèle « Suivi de votre demande »', 'Téléphone de test', 'Le SMS est reçu sur le téléphone de test'],
    ['Consulter l’historique de la fiche', '', 'Le SMS envoyé y figure'],
  ], 'basse'),
  C('Appel sortant depuis une demande e-mail', [14, 15], [
    ['Ouvrir une demande créée par e-mail', '', 'La demande s’affiche avec la fiche du client'],
    ['Cliquer sur le numéro de la fiche', '', 'L’appel sortant est lancé'],
    ['Raccrocher et qualifier', 'Motif : Facturation / Erreur', 'L’appel est rattaché à la demande d’origine, sans nouvelle demande'],
  ], 'moyenne'),
  C('Qualification obligatoire avant clôture du contact', [16], [
    ['Prendre un appel et raccrocher sans qualifier', '', 'Le bouton « Terminer » est grisé'],
    ['Choisir un motif sans sous-motif', 'Motif : Dépannage', 'Le sous-motif est demandé'],
    ['Choisir le sous-motif', 'Sous-motif : Panne totale', 'Le contact est terminé et qualifié'],
  ]),
  C('Temps de post-appel', [17], [
    ['Terminer un appel', '', 'Le conseiller passe en post-appel'],
    ['Attendre sans agir', '', 'Il redevient disponible après 30 secondes'],
    ['Régler le post-appel de la file à 60 secondes', 'Compte superviseur', 'Le nouveau temps s’applique à l’appel suivant'],
  ], 'basse'),
  C('Réclamation transmise au back-office', [18], [
    ['Qualifier un appel avec le motif Réclamation', 'Client : Sophie Bernard', 'Une demande de niveau 2 est créée'],
    ['Se connecter avec un compte back-office', '', 'La demande est dans la file Réclamations'],
    ['Ouvrir la demande', '', 'La fiche du client et l’historique sont joints'],
    ['Répondre au client par e-mail', '', 'La réponse est tracée dans la demande'],
  ]),
  C('Clôture d’une demande et enquête de satisfaction', [20], [
    ['Clore une demande résolue', '', 'La demande passe au statut « Close »'],
    ['Tenter de modifier la demande close', '', 'Les champs ne sont plus modifiables'],
    ['Consulter la boîte du client', '', 'L’enquête de satisfaction est arrivée'],
  ]),
  C('Fusion de deux demandes en doublon', [21], [
    ['Créer deux demandes pour le même client', 'Client : Marc Leroy', 'Les deux demandes apparaissent sur la fiche'],
    ['Fusionner la seconde dans la première', '', 'Une seule demande reste ouverte'],
    ['Ouvrir la demande fusionnée', '', 'Les échanges des deux demandes y figurent'],
    ['Consulter le journal de la demande', '', 'La fusion est tracée avec son auteur'],
    ['Annuler la fusion', '', 'Les deux demandes sont rétablies'],
  ]),
  C('Réouverture sur relance du client', [21, 22], [
    ['Clore une demande e-mail', '', 'La demande est close'],
    ['Répondre à l’e-mail depuis la boîte du client', '', 'La demande est rouverte dans la file E-mail'],
    ['Répondre à une demande close depuis plus de 15 jours', 'Demande de test datée', 'Une nouvelle demande liée à l’ancienne est créée'],
  ], 'moyenne'),
  C('Tableau de bord temps réel', [24, 25], [
    ['Ouvrir le tableau de bord superviseur', 'Compte superviseur', 'Les files, les attentes et les conseillers par statut sont affichés'],
    ['Placer trois appels en attente sur la file Dépannage', '', 'Le compteur de la file passe à 3 en moins de 5 secondes'],
    ['Laisser l’attente dépasser le seuil', '', 'La file passe en rouge et une notification est reçue'],
  ]),
  C('Écoute discrète et chuchotement', [26], [
    ['Écouter l’appel d’un conseiller', 'Compte superviseur', 'Le superviseur entend l’appel, le client ne l’entend pas'],
    ['Chuchoter au conseiller', '', 'Seul le conseiller entend le superviseur'],
    ['Intervenir dans l’appel', '', 'Les trois participants s’entendent'],
  ], 'moyenne'),
  C('Taux de décroché par tranche de 15 minutes', [27], [
    ['Passer 10 appels dont 2 abandonnés après 30 secondes et 1 en moins de 5 secondes', 'Jeu d’appels de recette', 'Les appels sont tracés'],
    ['Consulter le taux de décroché de la tranche', '', 'Le taux affiché est 7 / 9, soit 77,8 %'],
    ['Consulter la tranche suivante, sans appel', '', 'Aucun taux n’est affiché plutôt que 0 %'],
  ]),
  C('Rapport quotidien d’activité', [28], [
    ['Attendre l’envoi de 7 h', 'Lendemain d’une journée de recette', 'Le rapport est reçu par les responsables de plateau'],
    ['Comparer les volumes aux appels passés la veille', 'Feuille de suivi des tests', 'Les volumes par canal concordent'],
    ['Contrôler la durée moyenne de traitement', '', 'Elle correspond au calcul manuel'],
  ], 'moyenne'),
  C('Export des contacts qualifiés', [29], [
    ['Lancer l’export des contacts de la semaine', '', 'Un fichier .xlsx est téléchargé'],
    ['Ouvrir le fichier', '', 'Chaque contact a sa date, son canal et son motif'],
    ['Compter les lignes du fichier', 'Rapport quotidien de la semaine', 'Le nombre de contacts est celui du rapport'],
  ], 'basse'),
  C('Information et opposition à l’enregistrement', [32], [
    ['Appeler le service client', '', 'Le message d’accueil annonce l’enregistrement'],
    ['Taper 9 pour s’opposer', '', 'L’appel est distribué sans enregistrement'],
    ['Consulter les enregistrements du jour', 'Compte superviseur', 'Cet appel n’a pas d’enregistrement'],
  ]),
  C('Purge des enregistrements après 6 mois', [33], [
    ['Charger un enregistrement daté de plus de 6 mois', 'Avec l’intégrateur', 'L’enregistrement est présent'],
    ['Lancer le traitement de purge', '', 'L’enregistrement est supprimé'],
    ['Consulter le journal de purge', '', 'La suppression y est tracée'],
  ]),
  C('Export et effacement des données d’un client', [34], [
    ['Exporter les données du client', 'Compte DPO, client : Jeanne Dupont', 'Le fichier contient la fiche, les contacts et les enregistrements'],
    ['Effacer le client', '', 'La fiche est anonymisée'],
    ['Consulter le rapport quotidien', '', 'Les volumes de la période sont inchangés'],
  ]),
  C('Connexion unique et fin de session', [35, 36], [
    ['Ouvrir l’application depuis le poste', 'Compte annuaire d’un conseiller', 'Le conseiller est connecté sans ressaisir de mot de passe'],
    ['Consulter la liste des files', '', 'Seules les files de son équipe sont visibles'],
    ['Ouvrir un enregistrement', '', 'L’accès est refusé au profil conseiller'],
    ['Rester inactif 15 minutes', '', 'La session est fermée'],
  ]),
  C('Bascule sur le site de secours', [37], [
    ['Couper le site principal', 'Avec l’intégrateur, fenêtre de test validée', 'Les appels en cours sont perdus, les nouveaux sont refusés'],
    ['Déclencher la bascule', '', 'Le site de secours reprend les appels en moins de 15 minutes'],
    ['Passer un appel de test', '', 'L’appel est distribué normalement'],
    ['Revenir sur le site principal', '', 'Le service reprend sans perte de données'],
  ], 'haute', 'Fenêtre de maintenance réservée ; intégrateur et exploitation présents.', 'brouillon'),
];

/**
 * The demo's requirements and test cases (issue 15): 40 requirements, most validated, one revised
 * (EXG-007, revision 2), and 30 test cases, most ready, linked to them. The campaigns seeder runs
 * after this one and reads the cases by reference (CT-001…).
 */
@Injectable()
export class RequirementsDemoSeeder implements DemoSeeder {
  async seed(context: DemoSeedContext): Promise<void> {
    const { manager } = context;
    const projectId = demoProjectOf(context).id;
    const requirementIds: string[] = [];
    for (const [index, requirement] of DEMO_REQUIREMENTS.entries()) {
      const reference = formatReference(REQUIREMENT_REFERENCE_PREFIX, index + 1);
      const rows = (await manager.query(
        `INSERT INTO acceptance_requirement (project_id, reference, title, description, category, priority, conformity, status, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          projectId,
          reference,
          requirement.title,
          requirement.description,
          requirement.category,
          requirement.priority,
          requirement.conformity,
          requirement.status,
          requirement.previous ? 2 : 1,
        ],
      )) as Array<{ id: string }>;
      const id = rows[0]!.id;
      requirementIds.push(id);
      if (requirement.previous) {
        await manager.query(
          `INSERT INTO acceptance_requirement_revision (requirement_id, revision, reference, title, description, category, priority, conformity, created_at, created_by_name)
           VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            reference,
            requirement.previous.title ?? requirement.title,
            requirement.previous.description ?? requirement.description,
            requirement.category,
            requirement.previous.priority ?? requirement.priority,
            requirement.conformity,
            new Date(context.now.getTime() - 20 * 24 * 3600 * 1000),
            context.users.get(PM)?.displayName ?? null,
          ],
        );
      }
    }
    for (const [index, testCase] of DEMO_CASES.entries()) {
      const steps: TestStep[] = testCase.steps.map(([action, data, expected]) => ({ action, data, expected }));
      const rows = (await manager.query(
        `INSERT INTO acceptance_test_case (project_id, reference, title, preconditions, steps, criticality, status, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id`,
        [projectId, formatReference(TEST_CASE_REFERENCE_PREFIX, index + 1), testCase.title, testCase.preconditions, JSON.stringify(steps), testCase.criticality, testCase.status],
      )) as Array<{ id: string }>;
      for (const number of testCase.requirements) {
        const requirementId = requirementIds[number - 1];
        if (!requirementId) throw new Error(`Demo case ${index + 1} names EXG-${number}, which is not seeded`);
        await manager.query(`INSERT INTO acceptance_case_requirement (project_id, test_case_id, requirement_id) VALUES ($1, $2, $3)`, [
          projectId,
          rows[0]!.id,
          requirementId,
        ]);
      }
    }
  }
}
