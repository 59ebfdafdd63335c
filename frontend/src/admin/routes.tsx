import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const AdminUsersPage = lazy(() => import('./AdminUsersPage'));
const AuditPage = lazy(() => import('./AuditPage'));
const MailboxPage = lazy(() => import('./MailboxPage'));

/** The admin portal's pages (signed in, admin role). */
export const adminRoutes: RouteObject[] = [
  { path: '/admin/users', element: <AdminUsersPage /> },
  { path: '/admin/audit', element: <AuditPage /> },
  { path: '/admin/mailbox', element: <MailboxPage /> },
];
