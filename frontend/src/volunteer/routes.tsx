import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const VolunteerHome = lazy(() => import('./VolunteerHome'));

/** The volunteer portal's pages (signed in, volunteer role). */
export const volunteerRoutes: RouteObject[] = [{ path: '/volunteer', element: <VolunteerHome /> }];

/** Public pages of the volunteer area (no sign-in), e.g. the trial directory. */
export const volunteerPublicRoutes: RouteObject[] = [];
