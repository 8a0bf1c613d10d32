import type { SignerRole } from '@jalon/domain';

/** The meaning a signature records (21 CFR Part 11 §11.50), in French as printed on the PV. */
export function signatureMeaning(role: SignerRole, outcome: 'approuve' | 'refuse'): string {
  if (outcome === 'refuse') return role === 'sponsor' ? 'refusé en tant que sponsor' : "refusé en tant qu'utilisateur clé";
  return role === 'sponsor' ? 'décidé en tant que sponsor' : "approuvé en tant qu'utilisateur clé";
}

/** Why a signer may not sign now, or null when they may. */
export function signingRefusal(
  signers: ReadonlyArray<{ userId: string }>,
  signatures: ReadonlyArray<{ signerUserId: string }>,
  userId: string,
  status: string,
): 'not_a_signer' | 'already_signed' | 'decision_closed' | null {
  if (!signers.some((signer) => signer.userId === userId)) return 'not_a_signer';
  if (signatures.some((signature) => signature.signerUserId === userId)) return 'already_signed';
  if (status !== 'proposee') return 'decision_closed';
  return null;
}

/** The decision's status once a signature is added: refused by any refusal, signed when every signer approved. */
export function statusAfter(
  signers: ReadonlyArray<{ userId: string }>,
  signatures: ReadonlyArray<{ signerUserId: string; outcome: 'approuve' | 'refuse' }>,
): 'proposee' | 'signee' | 'refusee' {
  if (signatures.some((signature) => signature.outcome === 'refuse')) return 'refusee';
  const approved = new Set(signatures.filter((signature) => signature.outcome === 'approuve').map((signature) => signature.signerUserId));
  return signers.every((signer) => approved.has(signer.userId)) ? 'signee' : 'proposee';
}
