import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const VolunteerArea = lazy(() => import('./VolunteerArea'));
const VolunteerHome = lazy(() => import('./VolunteerHome'));
const ProfilesPage = lazy(() => import('./profiles/ProfilesPage'));
const HealthPage = lazy(() => import('./health/HealthPage'));
const ConsentPage = lazy(() => import('./consent/ConsentPage'));
const MatchesPage = lazy(() => import('./matches/MatchesPage'));
const ApplicationsPage = lazy(() => import('./applications/ApplicationsPage'));
const PrivacyPage = lazy(() => import('./privacy/PrivacyPage'));
const TrialDirectoryPage = lazy(() => import('./trials/TrialDirectoryPage'));
const TrialDetailPage = lazy(() => import('./trials/TrialDetailPage'));

/** The volunteer portal's pages (signed in, volunteer role). They share the
 * account's profiles and the one being shown (VolunteerArea). */
export const volunteerRoutes: RouteObject[] = [
  {
    element: <VolunteerArea />,
    children: [
      { path: '/volunteer', element: <VolunteerHome /> },
      { path: '/volunteer/profiles', element: <ProfilesPage /> },
      { path: '/volunteer/health', element: <HealthPage /> },
      { path: '/volunteer/consent', element: <ConsentPage /> },
      { path: '/volunteer/matches', element: <MatchesPage /> },
      { path: '/volunteer/applications', element: <ApplicationsPage /> },
      { path: '/volunteer/privacy', element: <PrivacyPage /> },
    ],
  },
];

/** Public pages of the volunteer area (no sign-in): the trial directory. */
export const volunteerPublicRoutes: RouteObject[] = [
  { path: '/trials', element: <TrialDirectoryPage /> },
  { path: '/trials/:id', element: <TrialDetailPage /> },
];
