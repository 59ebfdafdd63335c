import { IconFileImport, IconFlask } from '@tabler/icons-react';
import type { NavItem } from '../components/navigation';

/** The sponsor portal's own menu entries (between Home and Account). */
export const sponsorNav: NavItem[] = [
  { to: '/sponsor/trials', label: (t) => t('nav.trials', { ns: 'staff' }), icon: IconFlask },
  { to: '/sponsor/import', label: (t) => t('nav.importTrial', { ns: 'staff' }), icon: IconFileImport },
];
