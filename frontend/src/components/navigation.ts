import { IconHome, IconUserCheck, IconUserCog, type Icon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { Role } from '../api';
import { homePathFor } from '../auth/home';
import { adminNav } from '../admin/nav';
import { investigatorNav } from '../investigator/nav';
import { sponsorNav } from '../sponsor/nav';
import { volunteerNav } from '../volunteer/nav';

export interface NavItem {
  to: string;
  /** The menu label in the reader's language. */
  label: (t: TFunction) => string;
  icon: Icon;
}

/** The side menu of each portal: home, the portal's own pages (each portal's
 * nav.ts), the account. Only pages that exist are listed. */
export function navItemsFor(role: Role): NavItem[] {
  const account: NavItem = { to: '/account', label: (t) => t('nav.account'), icon: IconUserCog };
  if (role === 'admin') {
    return [{ to: '/admin/users', label: (t) => t('nav.staffApprovals'), icon: IconUserCheck }, ...adminNav, account];
  }
  const home: NavItem = { to: homePathFor(role), label: (t) => t('nav.home'), icon: IconHome };
  const own = { volunteer: volunteerNav, investigator: investigatorNav, sponsor: sponsorNav }[role];
  return [home, ...own, account];
}
