import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api as defaultClient, getMe, type ApiClient, type User } from '../api';
import { changeLanguage } from '../i18n';
import { AuthContext, ME_QUERY_KEY, type AuthContextValue, type AuthStatus } from './context';

// One restore per page load and client, even when React mounts twice
// (StrictMode): a refresh token may be spent only once.
const restores = new WeakMap<ApiClient, Promise<User | null>>();

function restoreOnce(client: ApiClient): Promise<User | null> {
  let restore = restores.get(client);
  if (!restore) {
    restore = client.restoreSession();
    restores.set(client, restore);
  }
  return restore;
}

export function AuthProvider({ children, client = defaultClient }: { children: ReactNode; client?: ApiClient }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [signedOutOnPurpose, setSignedOutOnPurpose] = useState(false);

  const me = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => getMe(signal),
    enabled: status === 'signed_in',
    staleTime: 5 * 60_000,
  });
  const user = status === 'signed_in' ? (me.data ?? null) : null;

  const startSession = useCallback(
    (signedIn: User) => {
      queryClient.setQueryData(ME_QUERY_KEY, signedIn);
      setSignedOutOnPurpose(false);
      setStatus('signed_in');
    },
    [queryClient],
  );

  const endSession = useCallback(() => {
    queryClient.clear();
    setStatus('signed_out');
  }, [queryClient]);

  useEffect(() => {
    const unsubscribe = client.onSessionChange((event) => {
      if (event.type === 'lost') endSession();
      else queryClient.setQueryData(ME_QUERY_KEY, event.user);
    });
    let active = true;
    restoreOnce(client).then(
      (restored) => {
        if (!active) return;
        if (restored) startSession(restored);
        else setStatus('signed_out');
      },
      () => {
        if (active) setStatus('signed_out');
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client, queryClient, startSession, endSession]);

  // The account's language wins once someone is signed in.
  const locale = user?.locale;
  useEffect(() => {
    if (locale) void changeLanguage(locale);
  }, [locale]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      signedOutOnPurpose,
      user,
      signIn: async (credentials) => {
        const signedIn = await client.login(credentials);
        startSession(signedIn);
        return signedIn;
      },
      signUp: async (request) => {
        const result = await client.register(request);
        if (result.access_token && result.user.status === 'active') startSession(result.user);
        return result;
      },
      signOut: async () => {
        // Set first: logging out may end the session (a 'lost' event) before
        // the call returns.
        setSignedOutOnPurpose(true);
        try {
          await client.logout();
        } catch {
          // The local session is gone either way; the server revokes on expiry.
        } finally {
          endSession();
        }
      },
      updateUser: (updated) => {
        queryClient.setQueryData(ME_QUERY_KEY, updated);
      },
    }),
    [status, signedOutOnPurpose, user, client, queryClient, startSession, endSession],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
