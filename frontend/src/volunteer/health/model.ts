// The clinical profile as the wizard's form holds it, and the conversions to
// and from the API's JSON. In the form an empty string is "I don't know"; in
// the API that is an absent (null) field. Lists carry a separate answer so
// that "none" ([]) and "I don't know" (null) stay apart.

import type {
  AntigenStatus,
  ClinicalProfile,
  CnsStatus,
  Diagnosis,
  DiseaseStatus,
  PerformanceScale,
  Rater,
  RelapseSite,
  Response,
  Sex,
  TherapyLine,
  TransplantType,
} from '../api';
import type { ProfileStep } from '../../eligibility';

export type TriBool = '' | 'yes' | 'no';
/** A list's answer: '' not known, 'none', or 'yes' (the list holds them). */
export type ListAnswer = '' | 'yes' | 'none';

export interface RelapseForm {
  date: string;
  site: RelapseSite | '';
}

export interface DiagnosisForm {
  condition_code: string;
  diagnosed_on: string;
  status: DiseaseStatus | '';
  relapse_count: string;
  relapses: RelapseForm[];
  antigens: Record<string, AntigenStatus | ''>;
  philadelphia: AntigenStatus | '';
  cns_status: CnsStatus | '';
  mrd: AntigenStatus | '';
}

export interface LineForm {
  started_on: string;
  ended_on: string;
  categories: string[];
  targets_known: ListAnswer;
  targets: string[];
  /** Medicine names, separated by commas. */
  agents: string;
  best_response: Response | '';
  response_on: string;
  progressed_on_therapy: TriBool;
  relapsed_on: string;
}

export interface TransplantForm {
  type: TransplantType | '';
  date: string;
}

export interface ProfileForm {
  date_of_birth: string;
  sex: Sex | '';
  country: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  travel: { max_distance_km: string; countries: string[] };
  diagnoses: DiagnosisForm[];
  therapy_known: ListAnswer;
  therapy_lines: LineForm[];
  transplants_known: ListAnswer;
  transplants: TransplantForm[];
  active_gvhd: TriBool;
  allo_sct_eligible: TriBool;
  performance: { scale: PerformanceScale | ''; score: string; assessed_on: string; rated_by: Rater | '' };
  race: string;
  ethnicity: string;
}

const s = (v: string | null | undefined): string => v ?? '';
const tri = (v: boolean | null | undefined): TriBool => (v === true ? 'yes' : v === false ? 'no' : '');
const listAnswer = (v: unknown[] | null | undefined): ListAnswer => (v === null || v === undefined ? '' : v.length > 0 ? 'yes' : 'none');

export function emptyDiagnosis(): DiagnosisForm {
  return {
    condition_code: '',
    diagnosed_on: '',
    status: '',
    relapse_count: '',
    relapses: [],
    antigens: {},
    philadelphia: '',
    cns_status: '',
    mrd: '',
  };
}

export function emptyLine(): LineForm {
  return {
    started_on: '',
    ended_on: '',
    categories: [],
    targets_known: '',
    targets: [],
    agents: '',
    best_response: '',
    response_on: '',
    progressed_on_therapy: '',
    relapsed_on: '',
  };
}

function diagnosisToForm(d: Diagnosis): DiagnosisForm {
  return {
    condition_code: d.condition_code,
    diagnosed_on: s(d.diagnosed_on),
    status: d.status ?? '',
    relapse_count: d.relapse_count === null || d.relapse_count === undefined ? '' : String(d.relapse_count),
    relapses: (d.relapses ?? []).map((r) => ({ date: s(r.date), site: r.site })),
    antigens: { ...(d.antigens ?? {}) },
    philadelphia: d.philadelphia ?? '',
    cns_status: d.cns_status ?? '',
    mrd: d.mrd ?? '',
  };
}

function lineToForm(l: TherapyLine): LineForm {
  return {
    started_on: s(l.started_on),
    ended_on: s(l.ended_on),
    categories: [...(l.categories ?? [])],
    targets_known: listAnswer(l.targets),
    targets: [...(l.targets ?? [])],
    agents: (l.agents ?? []).join(', '),
    best_response: l.best_response ?? '',
    response_on: s(l.response_on),
    progressed_on_therapy: tri(l.progressed_on_therapy),
    relapsed_on: s(l.relapsed_on),
  };
}

export function toForm(p: ClinicalProfile | null | undefined): ProfileForm {
  const profile = p ?? {};
  return {
    date_of_birth: s(profile.date_of_birth),
    sex: profile.sex ?? '',
    country: s(profile.country),
    city: s(profile.city),
    latitude: profile.latitude ?? null,
    longitude: profile.longitude ?? null,
    travel: {
      max_distance_km:
        profile.travel?.max_distance_km === null || profile.travel?.max_distance_km === undefined
          ? ''
          : String(profile.travel.max_distance_km),
      countries: [...(profile.travel?.countries ?? [])],
    },
    // An empty card to start from; a card without an illness is not saved.
    diagnoses: profile.diagnoses?.length ? profile.diagnoses.map(diagnosisToForm) : [emptyDiagnosis()],
    therapy_known: listAnswer(profile.therapy_lines),
    therapy_lines: (profile.therapy_lines ?? []).map(lineToForm),
    transplants_known: listAnswer(profile.transplants),
    transplants: (profile.transplants ?? []).map((t) => ({ type: t.type, date: s(t.date) })),
    active_gvhd: tri(profile.active_gvhd),
    allo_sct_eligible: tri(profile.allo_sct_eligible),
    performance: {
      scale: profile.performance?.scale ?? '',
      score: profile.performance ? String(profile.performance.score) : '',
      assessed_on: s(profile.performance?.assessed_on),
      rated_by: profile.performance?.rated_by ?? '',
    },
    race: s(profile.race),
    ethnicity: s(profile.ethnicity),
  };
}

const n = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const bool = (v: TriBool): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);
function int(v: string): number | null {
  if (v.trim() === '') return null;
  const x = Number(v);
  return Number.isFinite(x) ? Math.trunc(x) : null;
}

function diagnosisToApi(d: DiagnosisForm): Diagnosis {
  const antigens = Object.fromEntries(Object.entries(d.antigens).filter(([, v]) => !!v)) as Record<string, AntigenStatus>;
  const relapses = d.relapses
    .filter((r) => r.site !== '')
    .map((r) => ({ date: n(r.date), site: r.site as RelapseSite }));
  const count = int(d.relapse_count);
  return {
    condition_code: d.condition_code,
    diagnosed_on: n(d.diagnosed_on),
    status: d.status === '' ? null : d.status,
    relapse_count: count,
    // Listed relapses are the ones known; "0 relapses" is an empty list.
    relapses: relapses.length > 0 ? relapses : count === 0 ? [] : null,
    antigens: Object.keys(antigens).length > 0 ? antigens : null,
    philadelphia: d.philadelphia === '' ? null : d.philadelphia,
    cns_status: d.cns_status === '' ? null : d.cns_status,
    mrd: d.mrd === '' ? null : d.mrd,
  };
}

function lineToApi(l: LineForm, index: number): TherapyLine {
  const agents = l.agents
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return {
    line: index + 1,
    started_on: n(l.started_on),
    ended_on: n(l.ended_on),
    categories: l.categories.length > 0 ? [...l.categories] : null,
    targets: l.targets_known === 'none' ? [] : l.targets_known === 'yes' && l.targets.length > 0 ? [...l.targets] : null,
    agents: agents.length > 0 ? agents : null,
    best_response: l.best_response === '' ? null : l.best_response,
    response_on: n(l.response_on),
    progressed_on_therapy: bool(l.progressed_on_therapy),
    relapsed_on: n(l.relapsed_on),
  };
}

/** The API's JSON for the form. Fields the wizard does not show (e.g.
 * healthy_volunteer) are kept from `base`. */
export function toProfile(form: ProfileForm, base: ClinicalProfile | null | undefined): ClinicalProfile {
  const maxKm = int(form.travel.max_distance_km);
  const countries = form.travel.countries;
  const diagnoses = form.diagnoses.filter((d) => d.condition_code !== '').map(diagnosisToApi);
  const lines = form.therapy_lines.map(lineToApi);
  const transplants = form.transplants
    .filter((t) => t.type !== '')
    .map((t) => ({ type: t.type as TransplantType, date: n(t.date) }));
  const score = int(form.performance.score);
  return {
    ...(base ?? {}),
    date_of_birth: n(form.date_of_birth),
    sex: form.sex === '' ? null : form.sex,
    country: n(form.country),
    city: n(form.city),
    latitude: form.latitude,
    longitude: form.longitude,
    travel: maxKm === null && countries.length === 0 ? null : { max_distance_km: maxKm, countries: countries.length > 0 ? [...countries] : null },
    diagnoses: diagnoses.length > 0 ? diagnoses : base?.diagnoses?.length === 0 ? [] : null,
    therapy_lines: form.therapy_known === 'none' ? [] : form.therapy_known === 'yes' && lines.length > 0 ? lines : null,
    transplants: form.transplants_known === 'none' ? [] : form.transplants_known === 'yes' && transplants.length > 0 ? transplants : null,
    active_gvhd: bool(form.active_gvhd),
    allo_sct_eligible: bool(form.allo_sct_eligible),
    performance:
      form.performance.scale === '' || score === null
        ? null
        : {
            scale: form.performance.scale,
            score,
            assessed_on: n(form.performance.assessed_on),
            rated_by: form.performance.rated_by === '' ? null : form.performance.rated_by,
          },
    race: n(form.race),
    ethnicity: n(form.ethnicity),
  };
}

// --- field paths ----------------------------------------------------------------

/** The server names fields by JSON path (`therapy_lines[1].ended_on`); the form
 * by dotted path (`therapy_lines.1.ended_on`). List items of simple lists
 * (`categories[2]`) map to the list's input; coordinates to the town. */
export function formPath(serverField: string): string {
  let path = serverField.replace(/\[(\d+)\]/g, '.$1');
  path = path.replace(/^(.*\.(?:categories|targets|agents|countries))\.\d+$/, '$1');
  if (path === 'latitude' || path === 'longitude') return 'city';
  if (/^therapy_lines\.\d+\.line$/.test(path)) return path.replace(/\.line$/, '.started_on');
  return path;
}

const STEP_OF: Record<string, ProfileStep> = {
  date_of_birth: 'about',
  sex: 'about',
  country: 'about',
  city: 'about',
  latitude: 'about',
  longitude: 'about',
  travel: 'about',
  diagnoses: 'diagnosis',
  healthy_volunteer: 'diagnosis',
  therapy_known: 'treatments',
  therapy_lines: 'treatments',
  transplants_known: 'transplants',
  transplants: 'transplants',
  active_gvhd: 'transplants',
  allo_sct_eligible: 'transplants',
  performance: 'performance',
  race: 'more',
  ethnicity: 'more',
};

export function stepOf(path: string): ProfileStep {
  return STEP_OF[path.split(/[.[]/)[0] ?? ''] ?? 'about';
}

/** The id of the input for a form path, for links from the error summary. */
export function fieldId(path: string): string {
  return `hp-${path.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;
}
