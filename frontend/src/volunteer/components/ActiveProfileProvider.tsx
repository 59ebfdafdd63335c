import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { ActiveProfileContext, pickActive, readStoredProfile, storeProfile, type ActiveProfileValue } from '../activeProfile';
import { useVolunteers } from '../queries';

/** The account's profiles and the one the volunteer pages show. */
export function ActiveProfileProvider({ children }: { children: ReactNode }) {
  const volunteers = useVolunteers();
  const [chosen, setChosen] = useState<string | null>(readStoredProfile);
  const guard = useRef<((id: string) => boolean) | null>(null);
  const setGuard = useCallback((g: ((id: string) => boolean) | null) => {
    guard.current = g;
  }, []);
  const setActive = useCallback((id: string, options?: { force?: boolean }) => {
    if (!options?.force && guard.current && !guard.current(id)) return;
    storeProfile(id);
    setChosen(id);
  }, []);
  const profiles = volunteers.data;
  const value = useMemo<ActiveProfileValue>(
    () => ({
      profiles: profiles ?? [],
      active: pickActive(profiles ?? [], chosen),
      setActive,
      setGuard,
      isLoading: volunteers.isLoading,
      error: volunteers.error,
    }),
    [profiles, chosen, setActive, setGuard, volunteers.isLoading, volunteers.error],
  );
  return <ActiveProfileContext value={value}>{children}</ActiveProfileContext>;
}
