import type { NavItem } from '../components/navigation';

/** The investigator portal's own menu entries (between Home and Account). */
export const investigatorNav: NavItem[] = [];
