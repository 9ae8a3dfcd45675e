import { AppError } from '../../../platform/errors.js';
import { GraphError } from './graph-client.js';

/**
 * Error codes of the Teams connector. Their kinds decide the HTTP status (problem.ts) and what
 * the bus does with a failed notification: `unavailable` is retried with backoff, the others go
 * to the dead letters (replayable once the cause is fixed).
 */
export const TeamsErrors = {
  /** 409: the connector cannot act until these secrets exist; each is named as a field. */
  notConfigured: (missing: readonly string[]) =>
    new AppError(
      'CALLS_TEAMS_NOT_CONFIGURED',
      'conflict',
      `The Teams connector needs the secret${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: set ${missing.length === 1 ? 'it' : 'them'} with PUT /api/v1/secrets/{name}.`,
      { fields: missing.map((name) => ({ field: `secrets.${name}`, message: 'is not set' })) },
    ),
  /** 409: Graph delivers notifications only to https URLs. */
  publicUrlNotHttps: (publicUrl: string) =>
    new AppError(
      'CALLS_TEAMS_PUBLIC_URL_NOT_HTTPS',
      'conflict',
      `Microsoft Graph sends notifications only to https URLs, and this platform's public URL is ${publicUrl}: set SWITCHBOARD_PUBLIC_URL to the https address Graph can reach.`,
      { fields: [{ field: 'SWITCHBOARD_PUBLIC_URL', message: 'must be an https URL reachable from Microsoft Graph' }] },
    ),
  notConnected: () => new AppError('CALLS_TEAMS_NOT_CONNECTED', 'not_found', 'This tenant has no Teams call-records subscription.'),
  /** Graph answered with an error: transient ones are retried, refusals need a person. */
  graph: (error: GraphError, action: string): AppError => {
    if (error.transient) {
      return new AppError('CALLS_TEAMS_GRAPH_UNAVAILABLE', 'unavailable', `Microsoft Graph did not answer ${action}: ${error.message}`, {
        cause: error,
        retryAfterSeconds: 30,
      });
    }
    const hint =
      error.status === 401 || error.status === 403 || error.code === 'invalid_client' || error.code === 'unauthorized_client'
        ? ' Check teams.tenant_id, teams.client_id and teams.client_secret, and that the app registration has the application permission CallRecords.Read.All with admin consent.'
        : '';
    return new AppError('CALLS_TEAMS_GRAPH_REFUSED', 'conflict', `Microsoft Graph refused ${action} (${error.status}${error.code ? ` ${error.code}` : ''}).${hint}`, {
      cause: error,
    });
  },
} as const;

/** Graph failures as the connector's errors; anything else passes unchanged. */
export function fromGraph(error: unknown, action: string): unknown {
  return error instanceof GraphError ? TeamsErrors.graph(error, action) : error;
}
