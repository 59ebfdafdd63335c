import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { feasibility } from '../api';
import type { Criterion } from '../types';

/** Feasibility counts for a trial: the saved criteria, or `criteria` when given. */
export function useFeasibility(trialId: string, criteria?: Criterion[], criteriaKey?: string) {
  return useQuery({
    queryKey: ['feasibility', trialId, criteriaKey ?? 'saved'],
    queryFn: ({ signal }) => feasibility(trialId, criteria, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
