import type { Role } from '../api';

/** Where each role lands after signing in. */
export function homePathFor(role: Role): string {
  switch (role) {
    case 'volunteer':
      return '/volunteer';
    case 'investigator':
      return '/investigator';
    case 'sponsor':
      return '/sponsor';
    case 'admin':
      return '/admin/users';
  }
}

/** A `from` location kept by a guard, if it is a safe in-app path. */
export function safeReturnPath(from: unknown): string | null {
  if (typeof from !== 'object' || from === null) return null;
  const { pathname, search } = from as { pathname?: unknown; search?: unknown };
  if (typeof pathname !== 'string' || !pathname.startsWith('/') || pathname.startsWith('//')) return null;
  if (['/signin', '/signup', '/pending'].includes(pathname)) return null;
  return pathname + (typeof search === 'string' ? search : '');
}
