import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import type { ClinicalProfile, Volunteer } from '../api';
import { ActiveProfileProvider } from '../components/ActiveProfileProvider';
import HealthPage from './HealthPage';

const child: Volunteer = {
  id: 'v1',
  relationship: 'child',
  given_name: 'Deniz',
  family_name: 'Yılmaz',
  email: null,
  phone: null,
  preferred_language: 'tr',
  has_clinical_profile: false,
  clinical_updated_at: null,
  consents: [],
  invitations_paused: false,
  created_at: '2026-11-01T10:00:00Z',
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

let saved: ClinicalProfile | null = null;
let existing: ClinicalProfile | null = null;

beforeEach(() => {
  saved = null;
  existing = null;
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      const url = String(input);
      if (url.includes('/volunteers/v1/clinical') && init?.method === 'PUT') {
        saved = JSON.parse(init.body as string) as ClinicalProfile;
        if (saved.date_of_birth === '1990-01-01') {
          return Promise.resolve(
            json(
              {
                type: 'x',
                title: 'Unprocessable',
                status: 422,
                code: 'validation_failed',
                errors: [{ field: 'therapy_lines[0].ended_on', code: 'before_start', message: 'x' }],
              },
              422,
            ),
          );
        }
        return Promise.resolve(json({ profile: saved, version: 1, updated_at: '2026-11-22T10:00:00Z', warnings: [] }));
      }
      if (url.includes('/volunteers/v1/clinical')) {
        return Promise.resolve(
          existing
            ? json({ profile: existing, version: 1, updated_at: '2026-11-22T10:00:00Z', warnings: [] })
            : json({ status: 404, code: 'no_clinical_profile' }, 404),
        );
      }
      if (url.includes('/volunteers')) return Promise.resolve(json({ items: [child], next_cursor: null }));
      if (url.includes('/conditions')) return Promise.resolve(json({ items: [], next_cursor: null }));
      return Promise.resolve(json({}, 404));
    }),
  );
});

describe('the health profile wizard', () => {
  it('saves the first step with unknowns left out and moves on', async () => {
    const { router } = await renderPage(<HealthHost />, { path: '/volunteer/health' });
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 2, name: 'About the person' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Date of birth'), '2016-05-04');
    await user.click(screen.getByRole('radio', { name: 'Female' }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(saved).toMatchObject({ date_of_birth: '2016-05-04', sex: 'female', diagnoses: null, therapy_lines: null, performance: null });
    await waitFor(() => expect(router.state.location.search).toBe('?step=diagnosis'));
  });

  it('shows the server’s field errors in a summary that links to the step', async () => {
    await renderPage(<HealthHost />, { path: '/volunteer/health' });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Date of birth'), '1990-01-01');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Treatments: Treatment line 1 · End date' })).toHaveAttribute(
      'href',
      '#hp-therapy_lines-0-ended_on',
    );
    expect(summary).toHaveTextContent('This date is before the start of the treatment.');
  });

  it('asks in Turkish and picks the Lansky scale for a child', async () => {
    existing = { date_of_birth: '2016-05-04' };
    const { router } = await renderPage(<HealthHost />, { path: '/volunteer/health', language: 'tr' });
    await router.navigate('/volunteer/health?step=performance');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sağlık profili: Deniz' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'Günlük aktivite' })).toBeInTheDocument();
    expect(screen.getByLabelText('Ölçek')).toHaveValue('lansky');
    expect(screen.getByText(/Lansky oyun-performans ölçeğini kullanır/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '70: daha az ve daha kısa süre oynuyor' })).toBeInTheDocument();
  });
});

/** The wizard inside the volunteer area's profile context. */
function HealthHost() {
  return (
    <ActiveProfileProvider>
      <HealthPage />
    </ActiveProfileProvider>
  );
}
