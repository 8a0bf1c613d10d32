import type { ProjectRole } from '@jalon/domain';

/** Published in the README and on the demo's sign-in page: demo mode only, never in production. */
export const DEMO_PASSWORD = 'jalon-demo';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; role: ProjectRole | 'admin' }> = [
  { email: 'pm@demo.jalon.fr', displayName: 'Claire Martin (cheffe de projet)', role: 'project_manager' },
  { email: 'sponsor@demo.jalon.fr', displayName: 'Éric Lefèvre (sponsor)', role: 'sponsor' },
  { email: 'copil@demo.jalon.fr', displayName: 'Nadia Benali (membre du COPIL)', role: 'steering_member' },
  { email: 'key.user@demo.jalon.fr', displayName: 'Julien Moreau (utilisateur clé)', role: 'key_user' },
  { email: 'vendor@demo.jalon.fr', displayName: 'Sophie Girard (intégrateur)', role: 'contributor' },
  { email: 'viewer@demo.jalon.fr', displayName: 'Thomas Petit (lecteur)', role: 'viewer' },
  { email: 'admin@demo.jalon.fr', displayName: 'Administrateur Jalon', role: 'admin' },
];
