import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const SponsorHome = lazy(() => import('./SponsorHome'));

/** The sponsor portal's pages (signed in, sponsor role). */
export const sponsorRoutes: RouteObject[] = [{ path: '/sponsor', element: <SponsorHome /> }];
