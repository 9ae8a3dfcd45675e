/*
 * Crypto-shredding: a key per data-subject identifier. Personal fields and objects about a person
 * are sealed under the keys of that person's identifiers (their e-mail, phone numbers, customer id);
 * destroying those keys makes every copy unreadable — database rows, write-once archive objects,
 * backups — without finding and rewriting each copy. A record about two people (a call between two
 * numbers) is sealed under a key derived from both subjects' keys, so erasing either one shreds it.
 *
 * The keys live in crypto.subject_keys, each wrapped by the tenant's data key, found by a reference
 * that is a blind index of the identifier (never the identifier itself). See docs/privacy.md.
 */

/** An identifier of a data subject, normalised by the caller (e-mail trimmed lower-case, phone E.164). */
export interface SubjectIdentifier {
  readonly kind: 'email' | 'phone' | 'customer' | 'user';
  readonly value: string;
}

/** Seals for one fixed set of subjects, their keys loaded (and created) once: synchronous per value. */
export interface SubjectSealer {
  /** The subjects' references in the order the ciphertext names them. */
  readonly refs: readonly string[];
  seal(plaintext: Buffer | string, aad?: Buffer | string): Buffer;
  /**
   * Seals with a nonce derived from the key, the aad and the plaintext (a synthetic IV): the same
   * value sealed twice gives the same bytes. For write-once objects whose retry must write the very
   * bytes the first attempt wrote; it shows only that two ciphertexts hold the same value.
   */
  sealDeterministic(plaintext: Buffer | string, aad?: Buffer | string): Buffer;
}

export interface SubjectKeys {
  /** The reference of an identifier (hex blind index, purpose `subject`): what rows may store to name a subject. */
  ref(tenantId: string, identifier: SubjectIdentifier): Promise<string>;
  /**
   * A sealer under the keys of these subjects (created when missing). Refused with SubjectErasedError
   * when one of them was shredded: nothing new is written under an erased person's identifier.
   * With no identifiers, seals under a key of the tenant alone (`subject-less`), readable until the
   * tenant is deleted.
   */
  sealer(tenantId: string, subjects: readonly SubjectIdentifier[]): Promise<SubjectSealer>;
  /**
   * Sealers for many sets of subjects at once, every key looked up (and the missing ones created)
   * together: one store round trip for a whole ingest batch, in the sets' order. A set naming an
   * erased subject is refused (SubjectErasedError) unless `skipErased`, which seals under the
   * set's other subjects (their refs tell which) — for records that keep arriving after erasure.
   */
  sealers(
    tenantId: string,
    sets: readonly (readonly SubjectIdentifier[])[],
    options?: { readonly skipErased?: boolean },
  ): Promise<SubjectSealer[]>;
  seal(
    tenantId: string,
    subjects: readonly SubjectIdentifier[],
    plaintext: Buffer | string,
    aad?: Buffer | string,
  ): Promise<Buffer>;
  /** Opens what `seal` made. Throws SubjectErasedError when any of its subjects' keys was shredded. */
  open(tenantId: string, ciphertext: Buffer, aad?: Buffer | string): Promise<Buffer>;
  /** True when `bytes` starts like a subject-sealed ciphertext (to tell it from older tenant-key ciphertexts). */
  isSealed(bytes: Buffer): boolean;
  /** The subject references a ciphertext names, without opening it. */
  refsOf(ciphertext: Buffer): readonly string[];
  /**
   * Destroys the keys of these identifiers (idempotent); answers how many keys were destroyed now.
   * Every ciphertext sealed under one of them becomes unreadable for good.
   */
  shred(tenantId: string, subjects: readonly SubjectIdentifier[]): Promise<{ readonly shredded: number }>;
  /** Whether the identifier's key was shredded. */
  isShredded(tenantId: string, identifier: SubjectIdentifier): Promise<boolean>;
}
