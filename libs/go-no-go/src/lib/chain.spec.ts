import { createHash } from 'node:crypto';
import { canonicalJson, contentHash, GENESIS_HASH, signatureHash, verifyChain, type ChainSignature, type SignatureContent } from './chain';
import { signatureMeaning, signingRefusal, statusAfter } from './signing';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function chainOf(decisionContent: unknown, signers: Array<Omit<SignatureContent, 'decisionId' | 'sequence'>>) {
  const decision = { id: 'dec-1', content: decisionContent, contentHash: contentHash(decisionContent) };
  let previous = GENESIS_HASH;
  const signatures: ChainSignature[] = signers.map((signer, index) => {
    const content: SignatureContent = { ...signer, decisionId: decision.id, sequence: index + 1 };
    const hash = signatureHash(previous, content, decision.contentHash);
    const row = { ...content, id: `sig-${index + 1}`, contentHash: decision.contentHash, previousHash: previous, hash };
    previous = hash;
    return row;
  });
  return { decision, signatures };
}

const signer = (name: string, role: 'sponsor' | 'key_user'): Omit<SignatureContent, 'decisionId' | 'sequence'> => ({
  signerUserId: `user-${name}`,
  printedName: name,
  role,
  signedAt: '2026-06-01T08:00:00.000Z',
  meaning: signatureMeaning(role, 'approuve'),
  outcome: 'approuve',
  refusalReason: null,
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'é' }, z: undefined })).toBe('{"a":{"c":"é","d":[3,1]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('refuses what JSON cannot say the same way twice', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
  });
});

describe('hash chain', () => {
  it('hashes each signature as sha256(previous hash + canonical(content + decision content hash))', () => {
    const { decision, signatures } = chainOf({ kind: 'go' }, [signer('Alice', 'key_user'), signer('Bruno', 'sponsor')]);
    expect(decision.contentHash).toBe(sha('{"kind":"go"}'));
    const first = signatures[0]!;
    const expected = sha(
      GENESIS_HASH +
        canonicalJson({
          decisionId: 'dec-1',
          sequence: 1,
          signerUserId: 'user-Alice',
          printedName: 'Alice',
          role: 'key_user',
          signedAt: '2026-06-01T08:00:00.000Z',
          meaning: "approuvé en tant qu'utilisateur clé",
          outcome: 'approuve',
          refusalReason: null,
          contentHash: decision.contentHash,
        }),
    );
    expect(first.hash).toBe(expected);
    expect(signatures[1]!.previousHash).toBe(first.hash);
    expect(verifyChain(decision, signatures)).toEqual({ intact: true });
  });

  it('names the decision when its content changed', () => {
    const { decision, signatures } = chainOf({ kind: 'no_go' }, [signer('Alice', 'key_user')]);
    expect(verifyChain({ ...decision, content: { kind: 'go' } }, signatures)).toMatchObject({ intact: false, kind: 'decision', id: 'dec-1', reason: 'content_hash' });
  });

  it('names the first signature whose row changed, even when a later one was rehashed', () => {
    const { decision, signatures } = chainOf({ kind: 'go' }, [signer('Alice', 'key_user'), signer('Bruno', 'key_user'), signer('Chloé', 'sponsor')]);
    const altered = signatures.map((row) => ({ ...row }));
    altered[1]!.printedName = 'Mallory';
    expect(verifyChain(decision, altered)).toMatchObject({ intact: false, kind: 'signature', id: 'sig-2', sequence: 2, reason: 'hash' });
    // Rehashing the altered row breaks the link of the next one.
    altered[1]!.hash = signatureHash(altered[1]!.previousHash, altered[1]!, decision.contentHash);
    expect(verifyChain(decision, altered)).toMatchObject({ intact: false, id: 'sig-3', reason: 'previous_hash' });
  });

  it('detects a removed signature, a moved one and one carrying another decision hash', () => {
    const { decision, signatures } = chainOf({ kind: 'go' }, [signer('Alice', 'key_user'), signer('Bruno', 'sponsor')]);
    expect(verifyChain(decision, [signatures[1]!])).toMatchObject({ intact: false, id: 'sig-2', reason: 'sequence' });
    expect(verifyChain(decision, [{ ...signatures[0]!, contentHash: GENESIS_HASH }, signatures[1]!])).toMatchObject({ id: 'sig-1', reason: 'decision_hash' });
  });
});

describe('signing', () => {
  const signers = [{ userId: 'a' }, { userId: 'b' }];
  it('refuses someone not named, a second signature, a closed decision', () => {
    expect(signingRefusal(signers, [], 'z', 'proposee')).toBe('not_a_signer');
    expect(signingRefusal(signers, [{ signerUserId: 'a' }], 'a', 'proposee')).toBe('already_signed');
    expect(signingRefusal(signers, [{ signerUserId: 'a' }], 'b', 'refusee')).toBe('decision_closed');
    expect(signingRefusal(signers, [], 'a', 'proposee')).toBeNull();
  });

  it('is signed when every signer approved, refused by any refusal', () => {
    expect(statusAfter(signers, [{ signerUserId: 'a', outcome: 'approuve' }])).toBe('proposee');
    expect(statusAfter(signers, [{ signerUserId: 'a', outcome: 'approuve' }, { signerUserId: 'b', outcome: 'approuve' }])).toBe('signee');
    expect(statusAfter(signers, [{ signerUserId: 'a', outcome: 'refuse' }])).toBe('refusee');
  });

  it('records the meaning of the role', () => {
    expect(signatureMeaning('sponsor', 'approuve')).toBe('décidé en tant que sponsor');
    expect(signatureMeaning('key_user', 'refuse')).toBe("refusé en tant qu'utilisateur clé");
  });
});
