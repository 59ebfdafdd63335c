// The criteria builder's model: the API's criteria (docs/eligibility.md) as
// an editable tree with stable keys, back to the API's JSON, and the server's
// field errors ("criteria[rr-1].min") placed on the criterion they name.

import type { FieldProblem } from '../../api';
import type { Criterion } from '../types';

export const KIND_GROUPS = {
  person: ['age', 'age_at_diagnosis', 'sex', 'location', 'healthy_volunteers'],
  disease: [
    'condition',
    'disease_status',
    'relapse_count',
    'refractory',
    'remission_duration',
    'isolated_extramedullary_relapse',
    'philadelphia',
    'cns_involvement',
  ],
  treatment: ['prior_lines', 'prior_therapy', 'transplant', 'transplant_eligibility', 'active_gvhd'],
  fitness: ['performance', 'manual'],
  groups: ['any_of', 'all_of'],
} as const;

export type KindGroup = keyof typeof KIND_GROUPS;
export type Kind = (typeof KIND_GROUPS)[KindGroup][number];
export function isGroupKind(kind: string): boolean {
  return kind === 'any_of' || kind === 'all_of';
}

// Enumerations the criteria use (docs/eligibility.md, API.md).
export const AGE_UNITS = ['years', 'months', 'weeks', 'days'] as const;
export const SEXES = ['female', 'male'] as const;
export const DISEASE_STATUSES = ['newly_diagnosed', 'in_remission', 'relapsed', 'refractory', 'primary_refractory'] as const;
export const RELAPSE_SITES = ['bone_marrow', 'cns', 'testis', 'other_extramedullary'] as const;
export const CNS_STATUSES = ['CNS1', 'CNS2', 'CNS3'] as const;
export const ANTIGENS = ['CD19', 'CD20', 'CD22', 'BCMA', 'CD38'] as const;
export const ANTIGEN_REQUIREMENTS = ['positive', 'negative'] as const;
export const PH_STATUSES = ['positive', 'negative'] as const;
export const THERAPY_CATEGORIES = [
  'chemotherapy',
  'anthracycline',
  'anti_cd20',
  'bispecific',
  'car_t',
  'autologous_sct',
  'allogeneic_sct',
  'radiotherapy',
  'tki',
  'immunomodulatory',
  'proteasome_inhibitor',
  'anti_cd38',
  'other',
] as const;
export const THERAPY_TARGETS = ['CD19', 'CD20', 'CD22', 'BCMA', 'CD38', 'other'] as const;
export const TRANSPLANT_TYPES = ['allogeneic', 'autologous'] as const;
export const MATCH_MODES = ['any', 'all'] as const;

/** The JSON fields each kind's inputs show; other field errors are listed on the card. */
export const KIND_FIELD_NAMES: Record<string, readonly string[]> = {
  age: ['min', 'max'],
  age_at_diagnosis: ['min', 'max'],
  sex: ['any_of'],
  location: ['countries', 'max_distance_km'],
  condition: ['any_of', 'antigens'],
  disease_status: ['any_of'],
  relapse_count: ['min', 'max', 'site'],
  refractory: ['to', 'categories', 'match'],
  remission_duration: ['line', 'max_months', 'min_months'],
  philadelphia: ['any_of'],
  cns_involvement: ['any_of'],
  prior_lines: ['min', 'max'],
  prior_therapy: ['categories', 'targets', 'match'],
  transplant: ['type', 'within_months', 'min_months_since', 'relapse_after', 'relapse_within_months'],
  transplant_eligibility: ['eligible'],
  performance: ['ecog_max', 'karnofsky_min', 'lansky_min'],
  manual: ['text'],
};

export type Rule = 'include' | 'exclude';

/** One criterion being edited. `fields` are the kind-specific JSON fields. */
export interface DraftCriterion {
  key: string;
  id: string;
  kind: string;
  /** Top-level criteria only; group members carry none. */
  rule?: Rule;
  fields: Record<string, unknown>;
  /** Members of an any_of / all_of group. */
  members: DraftCriterion[];
}

let keyCounter = 0;
function newKey(): string {
  keyCounter += 1;
  return `c${keyCounter}`;
}

export function fromApi(criteria: readonly Criterion[]): DraftCriterion[] {
  return criteria.map((c) => fromApiOne(c));
}

function fromApiOne(c: Criterion): DraftCriterion {
  const { id, kind, rule, criteria, ...fields } = c;
  const draft: DraftCriterion = {
    key: newKey(),
    id: typeof id === 'string' ? id : '',
    kind: typeof kind === 'string' ? kind : '',
    fields,
    members: Array.isArray(criteria) ? criteria.map((m) => fromApiOne(m)) : [],
  };
  if (rule === 'include' || rule === 'exclude') draft.rule = rule;
  return draft;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return typeof value === 'number' && Number.isNaN(value);
}

/** The kind-specific fields as the API wants them: empty values, open age
 * bounds, `match: any` (the default) and `relapse_after: false` left out. */
function cleanFields(kind: string, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(fields)) {
    let value = raw;
    if ((kind === 'age' || kind === 'age_at_diagnosis') && (name === 'min' || name === 'max')) {
      const bound = value as { value?: unknown; unit?: unknown } | null | undefined;
      if (!bound || typeof bound.value !== 'number' || Number.isNaN(bound.value)) continue;
      value = { value: bound.value, unit: bound.unit ?? 'years' };
    }
    if (name === 'antigens' && value && typeof value === 'object') {
      value = Object.fromEntries(Object.entries(value).filter(([, status]) => !isEmpty(status)));
    }
    if (name === 'match' && value === 'any') continue;
    if (name === 'relapse_after' && value === false) continue;
    if (isEmpty(value)) continue;
    out[name] = value;
  }
  return out;
}

export function toApi(drafts: readonly DraftCriterion[], top = true): Criterion[] {
  return drafts.map((d) => {
    const c: Criterion = { id: d.id.trim(), kind: d.kind };
    if (top) c.rule = d.rule ?? 'include';
    Object.assign(c, cleanFields(d.kind, d.fields));
    if (isGroupKind(d.kind)) c.criteria = toApi(d.members, false);
    return c;
  });
}

/** JSON with sorted keys, to compare criteria whatever the field order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });
}

/** The same criteria read the way the builder writes them. */
export function normalise(criteria: readonly Criterion[]): string {
  return stableJson(toApi(fromApi(criteria)));
}

// Ids a new criterion of each kind starts with (the author may change them).
const ID_BASES: Record<Kind, string> = {
  age: 'age',
  age_at_diagnosis: 'dx-age',
  sex: 'sex',
  location: 'where',
  healthy_volunteers: 'healthy',
  condition: 'dx',
  disease_status: 'status',
  relapse_count: 'relapses',
  refractory: 'refractory',
  remission_duration: 'remission',
  isolated_extramedullary_relapse: 'iemr',
  philadelphia: 'ph',
  cns_involvement: 'cns',
  prior_lines: 'lines',
  prior_therapy: 'therapy',
  transplant: 'sct',
  transplant_eligibility: 'sct-eligible',
  active_gvhd: 'gvhd',
  performance: 'ps',
  manual: 'manual',
  any_of: 'any',
  all_of: 'all',
};

export function allIds(drafts: readonly DraftCriterion[]): string[] {
  return drafts.flatMap((d) => [d.id, ...allIds(d.members)]);
}

export function uniqueId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}-${n}`;
    if (!taken.includes(id)) return id;
  }
}

function defaultFields(kind: Kind): Record<string, unknown> {
  switch (kind) {
    case 'age':
    case 'age_at_diagnosis':
      return { min: { value: undefined, unit: 'years' }, max: { value: undefined, unit: 'years' } };
    case 'sex':
    case 'condition':
    case 'disease_status':
    case 'philadelphia':
      return { any_of: [] };
    case 'cns_involvement':
      return { any_of: ['CNS3'] };
    case 'transplant':
      return { type: 'allogeneic' };
    case 'refractory':
      return { to: 'last_line' };
    case 'remission_duration':
      return { line: 1 };
    case 'manual':
      return { text: '' };
    default:
      return {};
  }
}

// Kinds whose usual use in a protocol is an exclusion.
const USUALLY_EXCLUDED: readonly string[] = ['active_gvhd', 'cns_involvement', 'isolated_extramedullary_relapse'];

export function newCriterion(kind: Kind, taken: readonly string[], top: boolean): DraftCriterion {
  const draft: DraftCriterion = {
    key: newKey(),
    id: uniqueId(ID_BASES[kind], taken),
    kind,
    fields: defaultFields(kind),
    members: [],
  };
  if (top) draft.rule = USUALLY_EXCLUDED.includes(kind) ? 'exclude' : 'include';
  return draft;
}

// Tree edits, each returning a new tree.

export function updateNode(
  drafts: readonly DraftCriterion[],
  key: string,
  change: (d: DraftCriterion) => DraftCriterion,
): DraftCriterion[] {
  return drafts.map((d) => {
    if (d.key === key) return change(d);
    if (d.members.length === 0) return d;
    return { ...d, members: updateNode(d.members, key, change) };
  });
}

export function removeNode(drafts: readonly DraftCriterion[], key: string): DraftCriterion[] {
  return drafts
    .filter((d) => d.key !== key)
    .map((d) => (d.members.length === 0 ? d : { ...d, members: removeNode(d.members, key) }));
}

/** Moves a criterion one place up (-1) or down (+1) among its siblings. */
export function moveNode(drafts: readonly DraftCriterion[], key: string, by: -1 | 1): DraftCriterion[] {
  const index = drafts.findIndex((d) => d.key === key);
  if (index >= 0) {
    const to = index + by;
    if (to < 0 || to >= drafts.length) return [...drafts];
    const next = [...drafts];
    const [item] = next.splice(index, 1);
    if (item) next.splice(to, 0, item);
    return next;
  }
  return drafts.map((d) => (d.members.length === 0 ? d : { ...d, members: moveNode(d.members, key, by) }));
}

export function addMember(drafts: readonly DraftCriterion[], groupKey: string, member: DraftCriterion): DraftCriterion[] {
  return updateNode(drafts, groupKey, (g) => ({ ...g, members: [...g.members, member] }));
}

export function findNode(drafts: readonly DraftCriterion[], key: string): DraftCriterion | undefined {
  for (const d of drafts) {
    if (d.key === key) return d;
    const found = findNode(d.members, key);
    if (found) return found;
  }
  return undefined;
}

export function countNodes(drafts: readonly DraftCriterion[]): number {
  return drafts.reduce((n, d) => n + 1 + countNodes(d.members), 0);
}

// Server field errors.

export interface PlacedProblem extends FieldProblem {
  /** The field inside the criterion, e.g. "min", "min.unit", "antigens.CD19"; "" for the criterion itself. */
  sub: string;
}

export interface PlacedProblems {
  byKey: Map<string, PlacedProblem[]>;
  /** Problems about the list as a whole, or naming no criterion we have. */
  general: FieldProblem[];
}

function findById(drafts: readonly DraftCriterion[], id: string): DraftCriterion | undefined {
  for (const d of drafts) {
    if (d.id.trim() === id) return d;
    const found = findById(d.members, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * Places each field error on the criterion its path names. The server names
 * a criterion by id ("criteria[rr-1].min", members too) or, when the id is the
 * problem, by position ("criteria[2].id", "criteria[grp].criteria[0].id").
 */
export function placeProblems(drafts: readonly DraftCriterion[], problems: readonly FieldProblem[]): PlacedProblems {
  const byKey = new Map<string, PlacedProblem[]>();
  const general: FieldProblem[] = [];
  for (const problem of problems) {
    const node = locate(drafts, problem.field);
    if (!node) {
      general.push(problem);
      continue;
    }
    const list = byKey.get(node.draft.key) ?? [];
    list.push({ ...problem, sub: node.sub });
    byKey.set(node.draft.key, list);
  }
  return { byKey, general };
}

function locate(drafts: readonly DraftCriterion[], field: string): { draft: DraftCriterion; sub: string } | null {
  const head = /^criteria\[([^\]]*)\](.*)$/.exec(field);
  if (!head) return null;
  const token = head[1] ?? '';
  let rest = head[2] ?? '';
  let node = findById(drafts, token);
  if (!node && /^\d+$/.test(token)) node = drafts[Number(token)];
  if (!node) return null;
  for (;;) {
    const member = /^\.criteria\[(\d+)\](.*)$/.exec(rest);
    if (!member) break;
    const next: DraftCriterion | undefined = node.members[Number(member[1])];
    if (!next) break;
    node = next;
    rest = member[2] ?? '';
  }
  return { draft: node, sub: rest.replace(/^\./, '') };
}

/** The criteria's ids in the order they appear, members after their group. */
export function flattenIds(criteria: readonly Criterion[]): string[] {
  return criteria.flatMap((c) => [c.id, ...flattenIds(c.criteria ?? [])]);
}
