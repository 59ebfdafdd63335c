import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const SponsorHome = lazy(() => import('./SponsorHome'));
const TrialListPage = lazy(() => import('./TrialListPage'));
const NewTrialPage = lazy(() => import('./NewTrialPage'));
const TrialEditorPage = lazy(() => import('./TrialEditorPage'));
const ImportPage = lazy(() => import('./ImportPage'));

/** The sponsor portal's pages (signed in, sponsor role). */
export const sponsorRoutes: RouteObject[] = [
  { path: '/sponsor', element: <SponsorHome /> },
  { path: '/sponsor/trials', element: <TrialListPage /> },
  { path: '/sponsor/trials/new', element: <NewTrialPage /> },
  { path: '/sponsor/trials/:trialId/:section?', element: <TrialEditorPage /> },
  { path: '/sponsor/import', element: <ImportPage /> },
];
