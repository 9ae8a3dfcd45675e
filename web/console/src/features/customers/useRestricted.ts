import { useQuery } from '@tanstack/react-query';
import { customerKeys, customersApi } from './customers.api';
import { fallbackRestricted, restrictedFields, type ProfileField } from './masking';

/** The restricted profile fields: the registry's when it answers, the fixed list meanwhile or without it. */
export function useRestrictedFields(): readonly ProfileField[] {
  const classification = useQuery({
    queryKey: customerKeys.classification,
    queryFn: ({ signal }) => customersApi.classification(signal),
    staleTime: 10 * 60_000,
    retry: false,
  });
  return classification.isSuccess ? restrictedFields(classification.data) : fallbackRestricted;
}
