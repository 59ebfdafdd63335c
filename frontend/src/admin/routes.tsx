import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const AdminUsersPage = lazy(() => import('./AdminUsersPage'));

/** The admin portal's pages (signed in, admin role). */
export const adminRoutes: RouteObject[] = [{ path: '/admin/users', element: <AdminUsersPage /> }];
