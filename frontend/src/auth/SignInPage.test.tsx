import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProblemError, type User } from '../api';
import { renderPage } from '../test/render';
import { SignInPage } from './SignInPage';

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response('{}', { status: 404 }))));
});

async function submit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/e-mail address/i), email);
  await user.type(screen.getByLabelText(/^password/i), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('says the same thing for a wrong password and an unknown e-mail', async () => {
    const signIn = vi.fn(() => Promise.reject(new ProblemError({ status: 401, code: 'invalid_credentials' })));
    await renderPage(<SignInPage />, { path: '/signin', auth: { signIn } });
    await submit('nobody@example.org', 'whatever-123');
    expect(await screen.findByTestId('form-error')).toHaveTextContent(
      'The e-mail address or the password is not right. Please check both and try again.',
    );
  });

  it('tells how long to wait after too many attempts', async () => {
    const signIn = vi.fn(() => Promise.reject(new ProblemError({ status: 429, code: 'too_many_attempts' }, 300)));
    await renderPage(<SignInPage />, { path: '/signin', auth: { signIn } });
    await submit('a@example.org', 'whatever-123');
    expect(await screen.findByTestId('form-error')).toHaveTextContent('Please try again in 5 minutes.');
  });

  it('sends a staff member who is not approved yet to the waiting page', async () => {
    const signIn = vi.fn(() => Promise.reject(new ProblemError({ status: 403, code: 'account_pending' })));
    await renderPage(<SignInPage />, { path: '/signin', auth: { signIn } });
    await submit('demir@example.org', 'whatever-123');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/pending'));
  });

  it('opens the portal of the role that signed in', async () => {
    const admin: User = { id: '1', email: 'a@example.org', role: 'admin', status: 'active', display_name: 'A', locale: 'en' };
    const signIn = vi.fn(() => Promise.resolve(admin));
    await renderPage(<SignInPage />, { path: '/signin', auth: { signIn } });
    await submit('a@example.org', 'whatever-123');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/admin/users'));
  });

  it('is in Turkish for a Turkish reader', async () => {
    await renderPage(<SignInPage />, { path: '/signin', language: 'tr' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Giriş yap');
    expect(screen.getByLabelText(/E-posta adresi/)).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('tr');
  });
});
