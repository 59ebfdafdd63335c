import type { NavItem } from '../components/navigation';

/** The volunteer portal's own menu entries (between Home and Account). */
export const volunteerNav: NavItem[] = [];
