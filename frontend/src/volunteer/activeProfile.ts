// Which profile (the account's own or a dependent's) the volunteer pages show.
// The choice is kept in this tab's storage so that a reload keeps it.

import { createContext, useContext } from 'react';
import type { Volunteer } from './api';

export interface ActiveProfileValue {
  profiles: Volunteer[];
  /** The profile the pages show; null while loading or when there is none. */
  active: Volunteer | null;
  /** Shows another profile, unless a page with unsaved answers holds it back
   * (`force` skips that page's question). */
  setActive: (id: string, options?: { force?: boolean }) => void;
  /** A page with unsaved answers registers a guard: it returns false to keep
   * the current profile (and asks the person itself). */
  setGuard: (guard: ((id: string) => boolean) | null) => void;
  isLoading: boolean;
  error: unknown;
}

export const ActiveProfileContext = createContext<ActiveProfileValue | null>(null);

export function useActiveProfile(): ActiveProfileValue {
  const value = useContext(ActiveProfileContext);
  if (!value) throw new Error('useActiveProfile must be used inside the volunteer area');
  return value;
}

export const ACTIVE_PROFILE_KEY = 'trialmatch.volunteer.profile';

export function readStoredProfile(): string | null {
  try {
    return window.sessionStorage.getItem(ACTIVE_PROFILE_KEY);
  } catch {
    return null;
  }
}

export function storeProfile(id: string): void {
  try {
    window.sessionStorage.setItem(ACTIVE_PROFILE_KEY, id);
  } catch {
    // Storage may be unavailable; the choice then lasts for this page.
  }
}

/** The profile to show: the chosen one if it still exists, else the
 * account's own, else the first dependent. */
export function pickActive(profiles: readonly Volunteer[], chosen: string | null): Volunteer | null {
  return (
    profiles.find((p) => p.id === chosen) ?? profiles.find((p) => p.relationship === 'self') ?? profiles[0] ?? null
  );
}
