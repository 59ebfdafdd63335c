import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../test/render';
import { EligibilityExplanation } from './EligibilityExplanation';
import type { Criterion, EligibilityResult } from './types';

const conditions = {
  items: [
    { code: 'b_all', icd10: 'C91.0', name: 'B-cell acute lymphoblastic leukaemia', parent_code: 'all', path: [] },
    { code: 'all', icd10: 'C91.0', name: 'Acute lymphoblastic leukaemia', parent_code: 'leukaemia', path: [] },
  ],
  next_cursor: null,
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(JSON.stringify(conditions), { status: 200, headers: { 'Content-Type': 'application/json' } }))),
  );
});

const criteria: Criterion[] = [
  { id: 'age', kind: 'age', rule: 'include', min: { value: 3, unit: 'years' }, max: { value: 21, unit: 'years' } },
  { id: 'dx', kind: 'condition', rule: 'include', any_of: ['b_all'], antigens: { CD19: 'positive' } },
  {
    id: 'rr',
    kind: 'any_of',
    rule: 'include',
    criteria: [
      { id: 'rr-1', kind: 'relapse_count', min: 2, site: 'bone_marrow' },
      { id: 'rr-2', kind: 'transplant', type: 'allogeneic', relapse_after: true, min_months_since: 6 },
    ],
  },
  { id: 'ps', kind: 'performance', rule: 'include', lansky_min: 50, karnofsky_min: 50 },
  { id: 'no-cd19', kind: 'prior_therapy', rule: 'exclude', targets: ['CD19'] },
  { id: 'organs', kind: 'manual', rule: 'include', text: 'Adequate organ function' },
];

const result: EligibilityResult = {
  verdict: 'possibly_eligible',
  counts: { met: 3, not_met: 1, unknown: 2 },
  criteria: [
    { id: 'age', kind: 'age', rule: 'include', outcome: 'met', reason: { code: 'age.in_range', params: { age: '10 years', min: '3 years', max: '21 years' } } },
    {
      id: 'dx',
      kind: 'condition',
      rule: 'include',
      outcome: 'unknown',
      reason: { code: 'condition.antigen_missing', params: { condition: 'b_all', antigen: 'CD19', required: 'positive' } },
    },
    {
      id: 'rr',
      kind: 'any_of',
      rule: 'include',
      outcome: 'met',
      reason: { code: 'any_of.met', params: { members: 'rr-1' } },
      members: [
        { id: 'rr-1', kind: 'relapse_count', outcome: 'met', reason: { code: 'relapse_count.in_range', params: { count: '2', min: '2', site: 'bone_marrow' } } },
        { id: 'rr-2', kind: 'transplant', outcome: 'not_met', reason: { code: 'transplant.none', params: { type: 'allogeneic' } } },
      ],
    },
    { id: 'ps', kind: 'performance', rule: 'include', outcome: 'unknown', reason: { code: 'performance.missing', params: {} } },
    { id: 'no-cd19', kind: 'prior_therapy', rule: 'exclude', outcome: 'not_met', reason: { code: 'prior_therapy.not_received', params: { items: 'CD19', match: 'any' } } },
    { id: 'organs', kind: 'manual', rule: 'include', outcome: 'unknown', reason: { code: 'manual.review', params: { text: 'Adequate organ function' } } },
  ],
};

describe('EligibilityExplanation', () => {
  it('tells a volunteer, criterion by criterion, what fits and what to add', async () => {
    await renderPage(
      <EligibilityExplanation result={result} audience="volunteer" criteria={criteria} settleLink={(step) => `/volunteer/health?step=${step}`} />,
      { path: '/' },
    );
    expect(screen.getByText('Might fit')).toBeInTheDocument();
    expect(screen.getByText('3 fit · 0 do not fit · 3 not known yet')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Criterion by criterion' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('Age: 3 years to 21 years');
    expect(rows[0]).toHaveTextContent('Age 10 years; the criterion is 3 years to 21 years.');
    expect(await within(list).findByText(/^Diagnosis: B-cell acute lymphoblastic leukaemia, with CD19 positive$/)).toBeInTheDocument();
    // An absent excluding fact counts in the person's favour.
    const cd19 = list.querySelector('[data-criterion="no-cd19"]');
    expect(cd19).toHaveTextContent('Fits');
    expect(cd19).toHaveTextContent('Rules out');
    expect(cd19).toHaveTextContent('Has not had a treatment aimed at CD19.');
    // Group members are listed under their group.
    expect(list.querySelector('[data-criterion="rr"] [data-criterion="rr-1"]')).toHaveTextContent(
      'Relapses in the bone marrow: 2; the criterion is 2 or more.',
    );
    const settle = screen.getByTestId('settle-hints');
    expect(within(settle).getByText(/Whether the cancer cells carry CD19/)).toBeInTheDocument();
    expect(within(settle).getByRole('link', { name: 'Add in “Daily activity”' })).toHaveAttribute(
      'href',
      '/volunteer/health?step=performance',
    );
  });

  it('shows staff the ids, rules and recorded outcomes, without hints', async () => {
    await renderPage(<EligibilityExplanation result={result} audience="staff" criteria={criteria} />, { path: '/' });
    expect(screen.getByText('Possibly eligible')).toBeInTheDocument();
    expect(screen.getByText('no-cd19')).toBeInTheDocument();
    expect(screen.getAllByText('Exclusion')).toHaveLength(1);
    expect(screen.queryByTestId('settle-hints')).not.toBeInTheDocument();
  });

  it('speaks Turkish to a Turkish reader', async () => {
    await renderPage(<EligibilityExplanation result={result} audience="volunteer" criteria={criteria} />, { path: '/', language: 'tr' });
    expect(screen.getByText('Uygun olabilir')).toBeInTheDocument();
    expect(screen.getByText('Yaş: 3 yıl ile 21 yıl arası')).toBeInTheDocument();
  });
});
