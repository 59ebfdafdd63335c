import { createContext, useContext } from 'react';
import type { LoginRequest, RegisterRequest, RegisterResponse, User } from '../api';

export type AuthStatus = 'loading' | 'signed_out' | 'signed_in';

export interface AuthContextValue {
  status: AuthStatus;
  /** True after the user signed out on purpose (not an expired session):
   * signed-in pages then go to the start page, not to sign-in. */
  signedOutOnPurpose: boolean;
  /** The signed-in user; null unless status is 'signed_in'. */
  user: User | null;
  /** Signs in; throws ProblemError (invalid_credentials, account_pending, …). */
  signIn: (credentials: LoginRequest) => Promise<User>;
  /** Registers; a volunteer is signed in at once, staff wait for approval. */
  signUp: (request: RegisterRequest) => Promise<RegisterResponse>;
  signOut: () => Promise<void>;
  /** Replaces the cached user after a change (PATCH /me). */
  updateUser: (user: User) => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export const ME_QUERY_KEY = ['me'] as const;
