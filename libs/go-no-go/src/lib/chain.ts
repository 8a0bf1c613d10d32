import { createHash } from 'node:crypto';

/**
 * The hash chain of a decision's signatures (after 21 CFR Part 11 §11.70: a signature is linked
 * to its record so that it cannot be copied or altered). The decision's content is hashed in a
 * canonical JSON form; each signature hashes the previous signature's hash, its own content and
 * the decision's content hash, so a change to any signed row made in the database is detected.
 */

/** The hash before the first signature of a decision. */
export const GENESIS_HASH = '0'.repeat(64);

export type CanonicalValue = null | boolean | number | string | CanonicalValue[] | { [key: string]: CanonicalValue | undefined };

/**
 * JSON with object keys sorted (by code unit), no spaces, `undefined` members left out: the
 * same value gives the same text whatever order its keys were built in. Numbers must be finite.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
    }
    default:
      throw new Error(`Not a JSON value: ${typeof value}`);
  }
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of a decision's frozen content. */
export const contentHash = (content: unknown): string => sha256Hex(canonicalJson(content));

/** What a signature says, hashed with the chain (everything but the hashes themselves). */
export interface SignatureContent {
  decisionId: string;
  sequence: number;
  signerUserId: string;
  printedName: string;
  role: string;
  /** ISO instant */
  signedAt: string;
  meaning: string;
  outcome: string;
  refusalReason: string | null;
}

/** sha256(previousHash + canonical(signature content + decision content hash)). */
export function signatureHash(previousHash: string, content: SignatureContent, decisionContentHash: string): string {
  const signed: SignatureContent & { contentHash: string } = {
    decisionId: content.decisionId,
    sequence: content.sequence,
    signerUserId: content.signerUserId,
    printedName: content.printedName,
    role: content.role,
    signedAt: content.signedAt,
    meaning: content.meaning,
    outcome: content.outcome,
    refusalReason: content.refusalReason,
    contentHash: decisionContentHash,
  };
  return sha256Hex(previousHash + canonicalJson(signed));
}

export interface ChainDecision {
  id: string;
  content: unknown;
  contentHash: string;
}

export interface ChainSignature extends SignatureContent {
  id: string;
  contentHash: string;
  previousHash: string;
  hash: string;
}

export type ChainVerdict =
  | { intact: true }
  | { intact: false; kind: 'decision' | 'signature'; id: string; sequence: number | null; reason: 'content_hash' | 'decision_hash' | 'previous_hash' | 'hash' | 'sequence' };

/**
 * Recomputes a decision's chain: the content's hash, then each signature in sequence order (its
 * decision, its link to the previous one, its own hash). Answers the first record that does not
 * match, or intact.
 */
export function verifyChain(decision: ChainDecision, signatures: readonly ChainSignature[]): ChainVerdict {
  if (contentHash(decision.content) !== decision.contentHash) {
    return { intact: false, kind: 'decision', id: decision.id, sequence: null, reason: 'content_hash' };
  }
  const ordered = [...signatures].sort((a, b) => a.sequence - b.sequence);
  let previous = GENESIS_HASH;
  for (const [index, signature] of ordered.entries()) {
    const fail = (reason: 'decision_hash' | 'previous_hash' | 'hash' | 'sequence'): ChainVerdict => ({
      intact: false,
      kind: 'signature',
      id: signature.id,
      sequence: signature.sequence,
      reason,
    });
    if (signature.sequence !== index + 1 || signature.decisionId !== decision.id) return fail('sequence');
    if (signature.contentHash !== decision.contentHash) return fail('decision_hash');
    if (signature.previousHash !== previous) return fail('previous_hash');
    if (signatureHash(previous, signature, decision.contentHash) !== signature.hash) return fail('hash');
    previous = signature.hash;
  }
  return { intact: true };
}
