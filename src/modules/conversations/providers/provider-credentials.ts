/**
 * A provider's `unavailable` probe from its own credential check: the error the check throws (why
 * the provider cannot run now: a secret not set, settings incomplete), or null when it passes.
 */
export function unavailableUnless(check: () => Promise<unknown>): () => Promise<Error | null> {
  return () =>
    check().then(
      () => null,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
}
