import { IconClipboardHeart, IconDatabase, IconInbox, IconListSearch, IconShieldCheck, IconUsers } from '@tabler/icons-react';
import type { NavItem } from '../components/navigation';

/** The volunteer portal's own menu entries (between Home and Account). */
export const volunteerNav: NavItem[] = [
  { to: '/volunteer/profiles', label: (t) => t('nav.profiles', { ns: 'volunteer' }), icon: IconUsers },
  { to: '/volunteer/health', label: (t) => t('nav.health', { ns: 'volunteer' }), icon: IconClipboardHeart },
  { to: '/volunteer/consent', label: (t) => t('nav.consent', { ns: 'volunteer' }), icon: IconShieldCheck },
  { to: '/volunteer/matches', label: (t) => t('nav.matches', { ns: 'volunteer' }), icon: IconListSearch },
  { to: '/volunteer/applications', label: (t) => t('nav.applications', { ns: 'volunteer' }), icon: IconInbox },
  { to: '/volunteer/privacy', label: (t) => t('nav.privacy', { ns: 'volunteer' }), icon: IconDatabase },
];
