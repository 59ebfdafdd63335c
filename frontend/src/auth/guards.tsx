import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api';
import { FullPageLoader } from '../components/FullPageLoader';
import { useAuth } from './context';
import { homePathFor, safeReturnPath } from './home';

/** Signed-in, approved users only; others go to sign-in and come back. */
export function RequireAuth() {
  const { status, user, signedOutOnPurpose } = useAuth();
  const location = useLocation();
  if (status === 'loading' || (status === 'signed_in' && !user)) return <FullPageLoader />;
  if (status === 'signed_out' && signedOutOnPurpose) return <Navigate to="/" replace />;
  if (status === 'signed_out' || !user) {
    return <Navigate to="/signin" replace state={{ from: location }} />;
  }
  if (user.status === 'pending') return <Navigate to="/pending" replace state={{ email: user.email }} />;
  return <Outlet />;
}

/** Pages of one portal: a user of another role is sent to their own home. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { user } = useAuth();
  if (!user) return <FullPageLoader />;
  if (!roles.includes(user.role)) return <Navigate to={homePathFor(user.role)} replace />;
  return <Outlet />;
}

/** Sign-in and sign-up: someone already signed in goes to their home. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageLoader />;
  if (status === 'signed_in' && user) {
    const state = location.state as { from?: unknown } | null;
    return <Navigate to={safeReturnPath(state?.from) ?? homePathFor(user.role)} replace />;
  }
  return children;
}

/** /app: each role's home. */
export function RoleHomeRedirect() {
  const { user } = useAuth();
  if (!user) return <FullPageLoader />;
  return <Navigate to={homePathFor(user.role)} replace />;
}
