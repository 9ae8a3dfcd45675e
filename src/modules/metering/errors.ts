import { AppError } from '../../platform/errors.js';

/** Every METERING_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const MeteringErrors = {
  /** 400: a period the reports cannot cover (reversed, too long); names the field. */
  invalidPeriod: (field: string, message: string) =>
    new AppError('METERING_INVALID_PERIOD', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
} as const;
