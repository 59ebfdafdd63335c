import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const InvestigatorHome = lazy(() => import('./InvestigatorHome'));
const InvestigatorTrialsPage = lazy(() => import('./InvestigatorTrialsPage'));
const CandidatesPage = lazy(() => import('./CandidatesPage'));
const PipelinePage = lazy(() => import('./PipelinePage'));
const ReferralPage = lazy(() => import('./ReferralPage'));

/** The investigator portal's pages (signed in, investigator role). */
export const investigatorRoutes: RouteObject[] = [
  { path: '/investigator', element: <InvestigatorHome /> },
  { path: '/investigator/trials', element: <InvestigatorTrialsPage /> },
  { path: '/investigator/trials/:trialId/candidates', element: <CandidatesPage /> },
  { path: '/investigator/trials/:trialId/pipeline', element: <PipelinePage /> },
  { path: '/investigator/referrals/:referralId', element: <ReferralPage /> },
];
