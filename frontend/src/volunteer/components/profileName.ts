import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Volunteer } from '../api';

/** "Deniz (child)", "Elif (you)". */
export function useProfileName(): (profile: Pick<Volunteer, 'given_name' | 'family_name' | 'relationship'>) => string {
  const { t } = useTranslation('volunteer');
  return useCallback(
    (p) => t(`profileName.${p.relationship}`, { name: `${p.given_name} ${p.family_name}`.trim() }),
    [t],
  );
}
