import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProblemError, type RegisterResponse, type User } from '../api';
import { renderPage } from '../test/render';
import { SignUpPage } from './SignUpPage';

const volunteer: User = {
  id: '1',
  email: 'ayse@example.org',
  role: 'volunteer',
  status: 'active',
  display_name: 'Ayşe',
  locale: 'en',
};

async function fillIn(name = 'Ayşe', email = 'ayse@example.org', password = 'kedi-balkon-çay-7') {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/your name/i), name);
  await user.type(screen.getByLabelText(/e-mail address/i), email);
  await user.type(screen.getByLabelText(/^password/i), password);
  return user;
}

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response('{}', { status: 404 }))));
});

describe('SignUpPage', () => {
  it('checks the form before calling the server', async () => {
    const { auth } = await renderPage(<SignUpPage />, { path: '/signup' });
    const user = await fillIn('Ayşe', 'not-an-email', 'short');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    expect(await screen.findByText('Please enter an e-mail address like name@example.com.')).toBeInTheDocument();
    expect(screen.getByText('Please use at least 10 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText(/e-mail address/i)).toHaveAttribute('aria-invalid', 'true');
    expect(auth.signUp).not.toHaveBeenCalled();
  });

  it('puts the server’s field errors on the right inputs', async () => {
    const signUp = vi.fn(() =>
      Promise.reject(
        new ProblemError({
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'password', code: 'too_common', message: 'password is too common' }],
        }),
      ),
    );
    await renderPage(<SignUpPage />, { path: '/signup', auth: { signUp } });
    const user = await fillIn('Ayşe', 'ayse@example.org', 'password123');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    expect(
      await screen.findByText('This password is too common and easy to guess. Please choose another one.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^password/i)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
  });

  it('shows a taken e-mail under the e-mail input', async () => {
    const signUp = vi.fn(() => Promise.reject(new ProblemError({ status: 409, code: 'email_taken' })));
    await renderPage(<SignUpPage />, { path: '/signup', auth: { signUp } });
    const user = await fillIn();
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    expect(await screen.findByText(/An account with this e-mail address already exists/)).toBeInTheDocument();
    expect(screen.getByLabelText(/e-mail address/i)).toHaveAttribute('aria-invalid', 'true');
  });

  it('signs a volunteer in and opens the volunteer portal', async () => {
    const signUp = vi.fn(
      (): Promise<RegisterResponse> => Promise.resolve({ user: volunteer, access_token: 'a', token_type: 'Bearer', expires_in: 900 }),
    );
    await renderPage(<SignUpPage />, { path: '/signup' , auth: { signUp } });
    const user = await fillIn();
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/volunteer'));
    expect(signUp).toHaveBeenCalledWith({
      role: 'volunteer',
      display_name: 'Ayşe',
      email: 'ayse@example.org',
      password: 'kedi-balkon-çay-7',
      locale: 'en',
    });
  });

  it('sends staff to the waiting page', async () => {
    const signUp = vi.fn(
      (): Promise<RegisterResponse> =>
        Promise.resolve({ user: { ...volunteer, role: 'investigator', status: 'pending' } }),
    );
    await renderPage(<SignUpPage />, { path: '/signup', auth: { signUp } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /I work for a trial site/ }));
    expect(await screen.findByText(/An administrator checks every staff account/)).toBeInTheDocument();
    await fillIn('Dr. Demir', 'demir@example.org');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/pending'));
    expect(signUp).toHaveBeenCalledWith(expect.objectContaining({ role: 'investigator' }));
  });
});
