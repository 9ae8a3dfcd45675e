/*
 * The ERP circuit as the last process that called the ERP left it. Each process keeps its own
 * breaker (cockatiel, in memory); the api that answers "how is the connection" is rarely the
 * process that ran the sync, so the state is written where every replica can read it.
 */
export const erpCircuit = `
  ALTER TABLE catalog.erp_connections
    ADD COLUMN circuit text NOT NULL DEFAULT 'closed' CHECK (circuit IN ('closed', 'open', 'half_open')),
    ADD COLUMN circuit_at timestamptz;
`;
