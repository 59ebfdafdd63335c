import { useCallback, useMemo, useRef, useState } from 'react';
import { Outlet } from 'react-router';
import { ActiveProfileContext, pickActive, readStoredProfile, storeProfile, type ActiveProfileValue } from './activeProfile';
import { useVolunteers } from './queries';

/** The signed-in volunteer pages share the list of profiles and the one shown. */
export default function VolunteerArea() {
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
  return (
    <ActiveProfileContext value={value}>
      <Outlet />
    </ActiveProfileContext>
  );
}
