import { IconFlask } from '@tabler/icons-react';
import type { NavItem } from '../components/navigation';

/** The investigator portal's own menu entries (between Home and Account). */
export const investigatorNav: NavItem[] = [
  { to: '/investigator/trials', label: (t) => t('nav.myTrials', { ns: 'staff' }), icon: IconFlask },
];
