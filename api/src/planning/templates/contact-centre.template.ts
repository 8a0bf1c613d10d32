import type { LinkTypeCode } from '@jalon/domain';

export interface TemplateTask {
  /** Reference used by the template's links only. */
  key: string;
  name: string;
  /** Working days; 0 = milestone. */
  duration: number;
  keyMilestone?: boolean;
  /** The milestone that stands for the go-live itself: fixed on the go-live date. */
  onGoLive?: boolean;
  ownerName?: string;
}

export interface TemplatePhase {
  name: string;
  tasks: TemplateTask[];
}

export interface TemplateLink {
  from: string;
  to: string;
  type?: LinkTypeCode;
  lag?: number;
}

export interface PlanTemplate {
  phases: TemplatePhase[];
  links: TemplateLink[];
}

/**
 * The deployment of a contact-centre platform as docs/domain.md tells it, about six months from
 * the start of the cadrage to the go-live, then the incubation.
 *
 * Incubation comes after the go-live although a retroplanning is anchored on the go-live: the
 * "Mise en production" milestone is fixed on the go-live date (and follows it when the go-live
 * moves), everything before it is retroplanned to lead to it, and the incubation hangs after it.
 * The scheduler then anchors the backward pass on the end of that post-go-live work (see
 * `backwardAnchor` in plan-schedule.ts), so the incubation keeps its true length instead of
 * being squeezed before the go-live.
 */
export const CONTACT_CENTRE_TEMPLATE: PlanTemplate = {
  phases: [
    {
      name: 'Cadrage',
      tasks: [
        { key: 'besoins', name: 'Recueil des besoins auprès des directions métier', duration: 10, ownerName: 'Chef de projet' },
        { key: 'cadrage', name: 'Cadrage fonctionnel (canaux, KPI, accès à la plateforme)', duration: 10, ownerName: 'Chef de projet' },
        { key: 'cadrageValide', name: 'Cadrage validé (COPIL)', duration: 0, keyMilestone: true, ownerName: 'Sponsor' },
      ],
    },
    {
      name: 'Cahier des charges & consultation',
      tasks: [
        { key: 'cdc', name: 'Rédaction du cahier des charges', duration: 10, ownerName: 'Chef de projet' },
        { key: 'diffusion', name: 'Diffusion du CDC aux éditeurs (5 au plus)', duration: 1, ownerName: 'Achats' },
        { key: 'consultation', name: 'Consultation des éditeurs', duration: 20, ownerName: 'Achats' },
        { key: 'analyse', name: 'Analyse des réponses (grille de conformité standard / spécifique / non disponible)', duration: 8, ownerName: 'Chef de projet' },
        { key: 'soutenances', name: 'Soutenances des éditeurs', duration: 5, ownerName: 'Chef de projet' },
        { key: 'choix', name: 'Choix du prestataire', duration: 0, keyMilestone: true, ownerName: 'Sponsor' },
      ],
    },
    {
      name: 'Spécifications',
      tasks: [
        { key: 'atelierRoutage', name: 'Atelier routage', duration: 3, ownerName: 'Intégrateur' },
        { key: 'atelierBandeau', name: 'Atelier bandeau / poste agent', duration: 3, ownerName: 'Intégrateur' },
        { key: 'atelierEmails', name: 'Atelier emails', duration: 2, ownerName: 'Intégrateur' },
        { key: 'atelierChat', name: 'Atelier chat', duration: 2, ownerName: 'Intégrateur' },
        { key: 'atelierReporting', name: 'Atelier reporting', duration: 2, ownerName: 'Intégrateur' },
        { key: 'prerequis', name: 'Validation des prérequis techniques (réseau, postes, PABX/IPBX, navigateurs)', duration: 10, ownerName: 'DSI' },
        { key: 'specsValidees', name: 'Spécifications validées', duration: 0, keyMilestone: true, ownerName: 'Chef de projet' },
      ],
    },
    {
      name: 'Mise en œuvre',
      tasks: [
        { key: 'parametrage', name: 'Paramétrage de la plateforme', duration: 25, ownerName: 'Intégrateur' },
        { key: 'integrations', name: 'Intégrations (CRM, GED, téléphonie)', duration: 20, ownerName: 'DSI' },
        { key: 'reprise', name: 'Reprise des données (revue RGPD)', duration: 10, ownerName: 'DSI' },
        { key: 'communication', name: 'Communication interne (newsletter, relais utilisateurs clés)', duration: 5, ownerName: 'Communication' },
      ],
    },
    {
      name: 'Recette',
      tasks: [
        { key: 'casDeTest', name: 'Rédaction des cas de test à partir des cas d’usage', duration: 10, ownerName: 'Utilisateurs clés' },
        { key: 'vabf', name: 'VABF par les utilisateurs clés', duration: 10, ownerName: 'Utilisateurs clés' },
        { key: 'corrections', name: 'Correction des anomalies', duration: 5, ownerName: 'Intégrateur' },
        { key: 'pvRecette', name: 'PV de recette signé', duration: 0, keyMilestone: true, ownerName: 'Utilisateurs clés' },
      ],
    },
    {
      name: 'Formation',
      tasks: [
        { key: 'formationCles', name: 'Formation des utilisateurs clés', duration: 3, ownerName: 'Intégrateur' },
        { key: 'formationAgents', name: 'Formation des agents', duration: 5, ownerName: 'Utilisateurs clés' },
      ],
    },
    {
      name: 'Pilote & go-live',
      tasks: [
        { key: 'pilote', name: 'Pilote sur un périmètre restreint (période calme)', duration: 10, ownerName: 'Chef de projet' },
        { key: 'goNoGo', name: 'Go / No-Go', duration: 0, keyMilestone: true, ownerName: 'Sponsor' },
        { key: 'mep', name: 'Mise en production', duration: 0, keyMilestone: true, onGoLive: true, ownerName: 'Chef de projet' },
      ],
    },
    {
      name: 'Incubation',
      tasks: [
        { key: 'suiviMois', name: 'Suivi hebdomadaire des volumes et des KPI — premier mois', duration: 20, ownerName: 'Chef de projet' },
        { key: 'revueMois', name: 'Revue à un mois (VSR)', duration: 1, ownerName: 'Sponsor' },
        { key: 'suivi', name: 'Suivi hebdomadaire des KPI jusqu’au vert', duration: 19, ownerName: 'Chef de projet' },
        { key: 'finIncubation', name: 'Fin d’incubation', duration: 0, keyMilestone: true, ownerName: 'Sponsor' },
      ],
    },
  ],
  links: [
    // Cadrage
    { from: 'besoins', to: 'cadrage', type: 'SS', lag: 5 },
    { from: 'besoins', to: 'cadrageValide' },
    { from: 'cadrage', to: 'cadrageValide' },
    // Cahier des charges & consultation
    { from: 'cadrageValide', to: 'cdc' },
    { from: 'cdc', to: 'diffusion' },
    { from: 'diffusion', to: 'consultation' },
    { from: 'consultation', to: 'analyse' },
    { from: 'analyse', to: 'soutenances' },
    { from: 'soutenances', to: 'choix' },
    // Spécifications
    { from: 'choix', to: 'atelierRoutage' },
    { from: 'atelierRoutage', to: 'atelierBandeau' },
    { from: 'atelierBandeau', to: 'atelierEmails' },
    { from: 'atelierEmails', to: 'atelierChat' },
    { from: 'atelierChat', to: 'atelierReporting' },
    { from: 'atelierRoutage', to: 'prerequis', type: 'SS', lag: 2 },
    { from: 'atelierReporting', to: 'specsValidees' },
    { from: 'prerequis', to: 'specsValidees' },
    // Mise en œuvre
    { from: 'specsValidees', to: 'parametrage' },
    { from: 'parametrage', to: 'integrations', type: 'SS', lag: 5 },
    { from: 'parametrage', to: 'reprise', type: 'SS', lag: 10 },
    { from: 'specsValidees', to: 'communication' },
    // Recette
    { from: 'specsValidees', to: 'casDeTest' },
    { from: 'parametrage', to: 'vabf' },
    { from: 'integrations', to: 'vabf' },
    { from: 'reprise', to: 'vabf' },
    { from: 'casDeTest', to: 'vabf' },
    { from: 'vabf', to: 'corrections' },
    { from: 'corrections', to: 'pvRecette' },
    // Formation, pilote and go-live
    { from: 'pvRecette', to: 'pilote' },
    { from: 'pvRecette', to: 'formationCles' },
    { from: 'formationCles', to: 'pilote' },
    { from: 'pilote', to: 'goNoGo' },
    { from: 'communication', to: 'goNoGo' },
    { from: 'goNoGo', to: 'mep', lag: 2 },
    // Agents are trained in the last week before the launch, not earlier (they would forget).
    { from: 'formationAgents', to: 'mep', lag: 1 },
    { from: 'formationCles', to: 'formationAgents' },
    // Incubation
    { from: 'mep', to: 'suiviMois' },
    { from: 'suiviMois', to: 'revueMois' },
    { from: 'revueMois', to: 'suivi' },
    { from: 'suivi', to: 'finIncubation' },
  ],
};
