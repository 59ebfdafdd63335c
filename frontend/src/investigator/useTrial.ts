import { useQuery } from '@tanstack/react-query';
import { getTrial, trialKeys } from '../sponsor/api';
import type { Site } from '../sponsor/types';

/** A trial and the sites of it the signed-in investigator is on. */
export function useStaffTrial(trialId: string) {
  const query = useQuery({ queryKey: trialKeys.one(trialId), queryFn: ({ signal }) => getTrial(trialId, signal) });
  const mySites: Site[] = query.data ? query.data.sites.filter((s) => query.data.my_site_ids.includes(s.id)) : [];
  return { query, trial: query.data, mySites };
}
