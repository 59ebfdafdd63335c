import type { NavItem } from '../components/navigation';

/** The admin portal's own menu entries (between Home and Account). */
export const adminNav: NavItem[] = [];
