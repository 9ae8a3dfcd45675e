import { z } from 'zod';

/** Events identity publishes. They carry ids, never e-mail addresses or tokens. */
export const userSignedUpV1 = {
  type: 'identity.user.signed_up.v1',
  schema: z.object({ userId: z.string() }),
} as const;

export type UserSignedUp = z.infer<typeof userSignedUpV1.schema>;
