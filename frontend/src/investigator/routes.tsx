import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const InvestigatorHome = lazy(() => import('./InvestigatorHome'));

/** The investigator portal's pages (signed in, investigator role). */
export const investigatorRoutes: RouteObject[] = [{ path: '/investigator', element: <InvestigatorHome /> }];
