import type { NavItem } from '../components/navigation';

/** The sponsor portal's own menu entries (between Home and Account). */
export const sponsorNav: NavItem[] = [];
