import { describe, expect, it } from 'vitest';
import type { ClinicalProfile } from '../api';
import { fieldId, formPath, stepOf, toForm, toProfile } from './model';
import { profileFormSchema } from './schema';
import { fieldLabel } from './summary';
import en from '../../i18n/volunteer/en';

const full: ClinicalProfile = {
  date_of_birth: '2016-05-04',
  sex: 'female',
  country: 'TR',
  city: 'Ankara',
  latitude: 39.93,
  longitude: 32.86,
  travel: { max_distance_km: 500, countries: ['TR', 'DE'] },
  healthy_volunteer: false,
  diagnoses: [
    {
      condition_code: 'b_all',
      diagnosed_on: '2022-03-01',
      status: 'relapsed',
      relapse_count: 2,
      relapses: [{ date: '2024-09-10', site: 'bone_marrow' }],
      antigens: { CD19: 'positive', CD22: 'unknown' },
      philadelphia: 'negative',
      cns_status: 'CNS1',
      mrd: 'positive',
    },
  ],
  therapy_lines: [
    {
      line: 1,
      started_on: '2022-03-05',
      ended_on: '2023-01-20',
      categories: ['chemotherapy', 'anthracycline'],
      targets: [],
      agents: ['vincristine', 'daunorubicin'],
      best_response: 'CR',
      response_on: '2022-04-10',
      progressed_on_therapy: false,
      relapsed_on: '2024-01-10',
    },
  ],
  transplants: [{ type: 'allogeneic', date: '2024-06-01' }],
  performance: { scale: 'lansky', score: 70, assessed_on: '2026-11-01', rated_by: 'parent' },
  active_gvhd: false,
  allo_sct_eligible: null,
  race: null,
  ethnicity: null,
};

describe('the form model', () => {
  it('gives back the same profile after a round trip', () => {
    expect(toProfile(toForm(full), full)).toEqual(full);
  });

  it('keeps "none" ([]) and "I don\'t know" (null) apart', () => {
    const none = toProfile(toForm({ therapy_lines: [], transplants: [] }), null);
    expect(none.therapy_lines).toEqual([]);
    expect(none.transplants).toEqual([]);
    const unknown = toProfile(toForm({}), null);
    expect(unknown.therapy_lines).toBeNull();
    expect(unknown.transplants).toBeNull();
    expect(unknown.diagnoses).toBeNull();
    expect(unknown.performance).toBeNull();
    expect(unknown.date_of_birth).toBeNull();
    expect(unknown.travel).toBeNull();
  });

  it('numbers the treatment lines in order and leaves unanswered parts unknown', () => {
    const form = toForm({});
    form.therapy_known = 'yes';
    form.therapy_lines = [
      { ...toForm(full).therapy_lines[0]!, categories: [], targets_known: '', agents: '', best_response: '' },
      { ...toForm(full).therapy_lines[0]!, targets_known: 'yes', targets: ['CD19'] },
    ];
    const lines = toProfile(form, null).therapy_lines ?? [];
    expect(lines.map((l) => l.line)).toEqual([1, 2]);
    expect(lines[0]).toMatchObject({ categories: null, targets: null, agents: null, best_response: null });
    expect(lines[1]?.targets).toEqual(['CD19']);
  });

  it('says "no relapses" as an empty list and keeps the count apart from the list', () => {
    const form = toForm(full);
    form.diagnoses[0]!.relapse_count = '0';
    form.diagnoses[0]!.relapses = [];
    expect(toProfile(form, full).diagnoses?.[0]).toMatchObject({ relapse_count: 0, relapses: [] });
    form.diagnoses[0]!.relapse_count = '';
    expect(toProfile(form, full).diagnoses?.[0]).toMatchObject({ relapse_count: null, relapses: null });
  });

  it('drops an illness card that names no illness and antigens left unknown', () => {
    const form = toForm({});
    expect(form.diagnoses).toHaveLength(1);
    expect(toProfile(form, null).diagnoses).toBeNull();
    const withAntigen = toForm(full);
    withAntigen.diagnoses[0]!.antigens = { CD19: 'positive', CD22: '', BCMA: undefined as never };
    expect(toProfile(withAntigen, full).diagnoses?.[0]?.antigens).toEqual({ CD19: 'positive' });
  });
});

describe('field paths', () => {
  it('map server paths to inputs and steps', () => {
    expect(formPath('therapy_lines[1].ended_on')).toBe('therapy_lines.1.ended_on');
    expect(formPath('diagnoses[0].relapses[1].date')).toBe('diagnoses.0.relapses.1.date');
    expect(formPath('therapy_lines[0].categories[2]')).toBe('therapy_lines.0.categories');
    expect(formPath('travel.countries[3]')).toBe('travel.countries');
    expect(formPath('latitude')).toBe('city');
    expect(formPath('therapy_lines[2].line')).toBe('therapy_lines.2.started_on');
    expect(stepOf('therapy_lines.1.ended_on')).toBe('treatments');
    expect(stepOf('performance.scale')).toBe('performance');
    expect(stepOf('diagnoses.0.antigens.CD19')).toBe('diagnosis');
    expect(stepOf('active_gvhd')).toBe('transplants');
    expect(fieldId('therapy_lines.1.ended_on')).toBe('hp-therapy_lines-1-ended_on');
  });

  it('name fields in words for the error summary', () => {
    const t = ((key: string, o?: Record<string, string | number>) => {
      const names = en.health.fieldNames as Record<string, string>;
      const text = names[key.replace('health.fieldNames.', '')] ?? key;
      return text.replace(/{{(\w+)}}/g, (_m, k: string) => String(o?.[k] ?? ''));
    }) as never;
    expect(fieldLabel(t, 'therapy_lines.1.ended_on')).toBe('Treatment line 2 · End date');
    expect(fieldLabel(t, 'diagnoses.0.relapses.0.date')).toBe('Diagnosis 1 · Relapse 1 · Date');
    expect(fieldLabel(t, 'diagnoses.0.antigens.CD19')).toBe('Diagnosis 1 · Marker CD19');
  });
});

describe('the form schema', () => {
  it('refuses a date in the future and an end before the start', () => {
    const form = toForm(full);
    form.date_of_birth = '2999-01-01';
    form.therapy_lines[0]!.ended_on = '2022-01-01';
    const result = profileFormSchema.safeParse(form);
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];
    expect(issues).toContain('date_of_birth:errors.codes.in_future');
    expect(issues).toContain('therapy_lines.0.ended_on:errors.codes.before_start');
  });

  it('accepts a profile where everything is unknown', () => {
    expect(profileFormSchema.safeParse(toForm({})).success).toBe(true);
  });
});
