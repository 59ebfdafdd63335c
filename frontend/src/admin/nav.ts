import { IconListSearch, IconMail } from '@tabler/icons-react';
import type { NavItem } from '../components/navigation';

/** The admin portal's own menu entries (between Home and Account). */
export const adminNav: NavItem[] = [
  { to: '/admin/audit', label: (t) => t('nav.audit', { ns: 'staff' }), icon: IconListSearch },
  { to: '/admin/mailbox', label: (t) => t('nav.mailbox', { ns: 'staff' }), icon: IconMail },
];
