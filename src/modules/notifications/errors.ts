import { AppError, PlatformErrors } from '../../platform/errors.js';

/** Every NOTIFICATIONS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const NotificationsErrors = {
  notFound: () => new AppError('NOTIFICATIONS_NOT_FOUND', 'not_found', 'The notification was not found.'),
  templateNotFound: () =>
    new AppError('NOTIFICATIONS_TEMPLATE_NOT_FOUND', 'not_found', 'The template was not found.'),
  templateExists: () =>
    new AppError(
      'NOTIFICATIONS_TEMPLATE_EXISTS',
      'conflict',
      'A template for this type, channel and language exists already.',
    ),
  noRecipients: () =>
    new AppError('NOTIFICATIONS_NO_RECIPIENTS', 'invalid_input', 'The notification has no recipient.', {
      fields: [{ field: 'body.recipients', message: 'names no user' }],
    }),
  invalidField: (field: string, message: string) => PlatformErrors.validation([{ field, message }]),
  notAUser: () =>
    new AppError(
      'NOTIFICATIONS_NOT_A_USER',
      'forbidden',
      'Only a signed-in user has notifications (not an API key).',
    ),
  streamNotAcceptable: () =>
    new AppError(
      'NOTIFICATIONS_STREAM_NOT_ACCEPTABLE',
      'not_acceptable',
      'The stream is sent as text/event-stream: send Accept: text/event-stream.',
    ),
  streamUnavailable: (cause: unknown) =>
    new AppError('NOTIFICATIONS_STREAM_UNAVAILABLE', 'unavailable', 'Live notifications are unavailable.', {
      cause,
      retryAfterSeconds: 5,
    }),
  ticketInvalid: () =>
    new AppError(
      'NOTIFICATIONS_TICKET_INVALID',
      'unauthenticated',
      'The socket ticket is unknown, used or expired: ask for a new one.',
    ),
} as const;
