/*
 * Erasure (data-subject requests): an anonymised order keeps its amounts, lines and number (tax
 * law) but loses the blind index of its e-mail, and says when it was anonymised.
 */
export const privacy = `
  ALTER TABLE orders.orders ALTER COLUMN email_index DROP NOT NULL;
  ALTER TABLE orders.orders ADD COLUMN erased_at timestamptz;
`;
