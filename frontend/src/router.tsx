import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { GuestOnly, RequireAuth, RequireRole, RoleHomeRedirect } from './auth/guards';
import { AppLayout } from './components/AppLayout';
import { PublicLayout } from './components/PublicLayout';
import { LandingPage } from './public/LandingPage';
import { RouteErrorPage } from './public/RouteErrorPage';
import { adminRoutes } from './admin/routes';
import { investigatorRoutes } from './investigator/routes';
import { sponsorRoutes } from './sponsor/routes';
import { volunteerPublicRoutes, volunteerRoutes } from './volunteer/routes';

// Only the landing page comes with the first download; every other page
// loads on demand, so a volunteer's phone never downloads the admin pages.
const SignInPage = lazy(() => import('./auth/SignInPage').then((m) => ({ default: m.SignInPage })));
const SignUpPage = lazy(() => import('./auth/SignUpPage').then((m) => ({ default: m.SignUpPage })));
const PendingPage = lazy(() => import('./auth/PendingPage').then((m) => ({ default: m.PendingPage })));
const NotFoundPage = lazy(() => import('./public/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const AccountPage = lazy(() => import('./account/AccountPage'));

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: '/', element: <LandingPage /> },
          { path: '/signin', element: <GuestOnly><SignInPage /></GuestOnly> },
          { path: '/signup', element: <GuestOnly><SignUpPage /></GuestOnly> },
          { path: '/pending', element: <PendingPage /> },
          ...volunteerPublicRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { path: '/app', element: <RoleHomeRedirect /> },
              { path: '/account', element: <AccountPage /> },
              {
                element: <RequireRole roles={['volunteer']} />,
                children: volunteerRoutes,
              },
              {
                element: <RequireRole roles={['investigator']} />,
                children: investigatorRoutes,
              },
              {
                element: <RequireRole roles={['sponsor']} />,
                children: sponsorRoutes,
              },
              {
                element: <RequireRole roles={['admin']} />,
                children: adminRoutes,
              },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
