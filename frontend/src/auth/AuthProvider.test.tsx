import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiClient, type User } from '../api';
import { i18n, initI18n } from '../i18n';
import { AuthProvider } from './AuthProvider';
import { useAuth } from './context';

const user: User = {
  id: '1',
  email: 'ayse@example.org',
  role: 'volunteer',
  status: 'active',
  display_name: 'Ayşe',
  locale: 'tr',
};

function Probe() {
  const { status, user: current } = useAuth();
  return <p data-testid="probe">{`${status}:${current?.display_name ?? '-'}`}</p>;
}

function setup(refresh: () => Response) {
  const calls: string[] = [];
  const fetchImpl = vi.fn((input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : input.toString();
    calls.push(url);
    return Promise.resolve(url.endsWith('/auth/refresh') ? refresh() : new Response(null, { status: 404 }));
  });
  const client = new ApiClient({ fetch: fetchImpl as unknown as typeof fetch, lock: (_n, fn) => fn() });
  render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <AuthProvider client={client}>
          <Probe />
        </AuthProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
  return { client, calls };
}

describe('AuthProvider', () => {
  it('restores the session from the cookie once, and shows the account’s language', async () => {
    await initI18n('en');
    const { calls } = setup(
      () =>
        new Response(JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 900, user }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('signed_in:Ayşe'));
    // StrictMode mounts twice; a refresh token may still be spent only once.
    expect(calls.filter((c) => c.endsWith('/auth/refresh'))).toHaveLength(1);
    await waitFor(() => expect(i18n.language).toBe('tr'));
  });

  it('is signed out without a cookie, and when the session is lost', async () => {
    await initI18n('en');
    const { client } = setup(
      () =>
        new Response(JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 900, user }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('signed_in:Ayşe'));
    act(() => client.endSession());
    expect(screen.getByTestId('probe')).toHaveTextContent('signed_out:-');
  });

  it('starts signed out when there is no session to restore', async () => {
    await initI18n('en');
    setup(
      () =>
        new Response(JSON.stringify({ status: 401, code: 'unauthorized' }), {
          status: 401,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('signed_out:-'));
  });
});
