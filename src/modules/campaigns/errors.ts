import { AppError } from '../../platform/errors.js';

/** Every CAMPAIGNS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const CampaignsErrors = {
  itemNotFound: () => new AppError('CAMPAIGNS_ITEM_NOT_FOUND', 'not_found', 'The item was not found.'),
} as const;
