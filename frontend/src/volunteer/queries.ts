// TanStack Query keys and hooks of the volunteer area.

import { useQuery } from '@tanstack/react-query';
import { isProblemError, type Locale } from '../api';
import { notificationApi, publicApi, volunteerApi } from './api';

export const keys = {
  volunteers: ['volunteer', 'profiles'] as const,
  clinical: (id: string) => ['volunteer', 'clinical', id] as const,
  consents: (id: string) => ['volunteer', 'consents', id] as const,
  consentTexts: (locale: Locale) => ['consent-texts', locale] as const,
  matches: (id: string) => ['volunteer', 'matches', id] as const,
  referrals: ['volunteer', 'referrals'] as const,
  notifications: ['notifications'] as const,
  trials: ['public', 'trials'] as const,
  trial: (id: string) => ['public', 'trial', id] as const,
};

export function useVolunteers() {
  return useQuery({ queryKey: keys.volunteers, queryFn: ({ signal }) => volunteerApi.list(signal) });
}

/** The clinical profile; null when none has been entered yet (404). */
export function useClinical(id: string | undefined) {
  return useQuery({
    queryKey: keys.clinical(id ?? ''),
    enabled: !!id,
    queryFn: async ({ signal }) => {
      try {
        return await volunteerApi.clinical(id ?? '', signal);
      } catch (error) {
        if (isProblemError(error) && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useConsents(id: string | undefined) {
  return useQuery({
    queryKey: keys.consents(id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => volunteerApi.consents(id ?? '', signal),
  });
}

export function useConsentTexts(locale: Locale) {
  return useQuery({
    queryKey: keys.consentTexts(locale),
    queryFn: ({ signal }) => volunteerApi.consentTexts(locale, signal),
    staleTime: 10 * 60_000,
  });
}

/** Matches; null when the profile has no clinical data yet (409). */
export function useMatches(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: keys.matches(id ?? ''),
    enabled: !!id && enabled,
    queryFn: async ({ signal }) => {
      try {
        return await volunteerApi.matches(id ?? '', signal);
      } catch (error) {
        if (isProblemError(error) && error.code === 'no_clinical_profile') return null;
        throw error;
      }
    },
  });
}

export function useReferrals(enabled = true) {
  return useQuery({ queryKey: keys.referrals, enabled, queryFn: ({ signal }) => volunteerApi.referrals(signal) });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: keys.notifications,
    enabled,
    queryFn: ({ signal }) => notificationApi.list(signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function usePublicTrials() {
  return useQuery({ queryKey: keys.trials, queryFn: ({ signal }) => publicApi.trials(signal) });
}

export function usePublicTrial(id: string) {
  return useQuery({ queryKey: keys.trial(id), queryFn: ({ signal }) => publicApi.trial(id, signal) });
}
