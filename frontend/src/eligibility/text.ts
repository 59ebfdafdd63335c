// Words for criteria and their judgements, in the reader's language. Reason
// codes and parameters come from the server (docs/eligibility.md); the texts
// live in the 'eligibility' i18n namespace.

import type { TFunction } from 'i18next';
import en from '../i18n/eligibility/en';
import { countryName, formatAge, formatKm, formatMonths, formatQuantity, joinList, splitParam } from './format';
import type { AgeBound, Bearing, Criterion, CriterionResult, Outcome, Rule } from './types';

export type EligibilityT = TFunction<'eligibility'>;

export interface TextContext {
  t: EligibilityT;
  lang: string;
  /** A condition code's name in the reader's language. */
  nameOf: (code: string) => string;
}

type Tree = { readonly [key: string]: string | Tree };

/** Whether `path` ("reasons.age.in_range") names a text of the namespace. */
export function hasText(path: string): boolean {
  const root: Tree = en;
  let node: string | Tree | undefined = root;
  for (const part of path.split('.')) {
    if (typeof node !== 'object') return false;
    node = node[part];
  }
  return typeof node === 'string';
}

/** A text whose key is built at run time; callers check it with hasText. */
function dyn(t: EligibilityT, path: string, options?: Record<string, unknown>): string {
  return (t as unknown as (key: string, options?: Record<string, unknown>) => string)(path, options);
}

const TARGETS = new Set(['CD19', 'CD20', 'CD22', 'BCMA', 'CD38']);

/** One enumerated value in words ("relapsed (came back after a remission)"). */
export function valueText(ctx: TextContext, group: string, value: string): string {
  const path = `values.${group}.${value}`;
  return hasText(path) ? dyn(ctx.t, path) : value;
}

function values(ctx: TextContext, group: string, param: string | string[] | undefined | null, type: 'conjunction' | 'disjunction' = 'disjunction'): string {
  const list = Array.isArray(param) ? param : splitParam(param ?? undefined);
  return joinList(
    list.map((v) => valueText(ctx, group, v)),
    ctx.lang,
    type,
  );
}

/** A therapy category or target ("an anti-CD20 antibody", "a treatment aimed at CD19"). */
export function therapyItemText(ctx: TextContext, item: string): string {
  if (TARGETS.has(item)) return ctx.t('values.target', { target: item });
  if (item === 'other' || !hasText(`values.category.${item}`)) {
    return item === 'other' ? ctx.t('values.category.other') : item;
  }
  return valueText(ctx, 'category', item);
}

function therapyItems(ctx: TextContext, items: string[], match: string | null | undefined): string {
  return joinList(
    items.map((i) => therapyItemText(ctx, i)),
    ctx.lang,
    match === 'all' ? 'conjunction' : 'disjunction',
  );
}

function conditions(ctx: TextContext, codes: string | string[] | undefined | null, type: 'conjunction' | 'disjunction' = 'disjunction'): string {
  const list = Array.isArray(codes) ? codes : splitParam(codes ?? undefined);
  return joinList(list.map(ctx.nameOf), ctx.lang, type);
}

function countries(ctx: TextContext, codes: string | string[] | undefined | null): string {
  const list = Array.isArray(codes) ? codes : splitParam(codes ?? undefined);
  return joinList(
    list.map((c) => countryName(c, ctx.lang)),
    ctx.lang,
    'disjunction',
  );
}

function ageBoundText(ctx: TextContext, bound: AgeBound | number | null | undefined): string {
  if (bound === null || bound === undefined) return '';
  if (typeof bound === 'number') return formatAge(bound, 'years', ctx.lang);
  return formatAge(bound.value, bound.unit, ctx.lang);
}

function ageRange(ctx: TextContext, min: string, max: string): string {
  if (min && max) return ctx.t('range.between', { min, max });
  if (min) return ctx.t('range.ageAtLeast', { min });
  if (max) return ctx.t('range.ageAtMost', { max });
  return '';
}

function numberRange(ctx: TextContext, min: string | number | undefined | null, max: string | number | undefined | null): string {
  const lo = min === undefined || min === null || min === '' ? '' : String(min);
  const hi = max === undefined || max === null || max === '' ? '' : String(max);
  if (lo && hi) return ctx.t('range.between', { min: lo, max: hi });
  if (lo) return ctx.t('range.atLeast', { min: lo });
  if (hi) return ctx.t('range.atMost', { max: hi });
  return '';
}

function relapseSubject(ctx: TextContext, site: string | null | undefined): string {
  return site && hasText(`relapseSubject.${site}`) ? dyn(ctx.t, `relapseSubject.${site}`) : ctx.t('relapseSubject.any');
}

function transplantType(ctx: TextContext, type: string | null | undefined): string {
  return type ? valueText(ctx, 'transplantType', type) : '';
}

function thresholdText(ctx: TextContext, label: string | undefined): string {
  if (!label) return '';
  const m = /^(ECOG|Karnofsky|Lansky)\s*(≤|≥)\s*(\d+)$/.exec(label.trim());
  if (!m) return label;
  const value = m[3] ?? '';
  if (m[1] === 'ECOG') return ctx.t('describe.ecogMax', { value });
  return m[1] === 'Karnofsky' ? ctx.t('describe.karnofskyMin', { value }) : ctx.t('describe.lanskyMin', { value });
}

function scoreText(ctx: TextContext, scale: string | undefined, score: string | undefined): string {
  return `${scale ? valueText(ctx, 'scale', scale) : ''} ${score ?? ''}`.trim();
}

/** What a criterion asks, in words: "Age: 3 years to 21 years". */
export function describeCriterion(ctx: TextContext, c: Criterion): string {
  const { t, lang } = ctx;
  switch (c.kind) {
    case 'age':
    case 'age_at_diagnosis': {
      const range = ageRange(ctx, ageBoundText(ctx, c.min), ageBoundText(ctx, c.max));
      return c.kind === 'age' ? t('describe.age', { range }) : t('describe.age_at_diagnosis', { range });
    }
    case 'sex':
      return t('describe.sex', { values: values(ctx, 'sex', c.any_of) });
    case 'condition': {
      const names = conditions(ctx, c.any_of);
      const antigens = Object.entries(c.antigens ?? {});
      if (antigens.length === 0) return t('describe.condition', { conditions: names });
      const list = joinList(
        antigens.map(([antigen, status]) => t('describe.antigen', { antigen, status: valueText(ctx, 'antigen', status) })),
        lang,
      );
      return t('describe.conditionWithAntigens', { conditions: names, antigens: list });
    }
    case 'disease_status':
      return t('describe.disease_status', { values: values(ctx, 'disease_status', c.any_of) });
    case 'relapse_count':
      return t('describe.relapse_count', {
        subject: relapseSubject(ctx, c.site),
        range: numberRange(ctx, c.min as number | null, c.max as number | null),
      });
    case 'prior_lines':
      return t('describe.prior_lines', { range: numberRange(ctx, c.min as number | null, c.max as number | null) });
    case 'prior_therapy':
      return t('describe.prior_therapy', {
        items: therapyItems(ctx, [...(c.categories ?? []), ...(c.targets ?? [])], c.match),
      });
    case 'transplant': {
      const parts = [t('describe.transplant', { type: transplantType(ctx, c.type) })];
      if (c.within_months) parts.push(t('describe.transplantWithin', { months: formatMonths(c.within_months, lang) }));
      if (c.min_months_since) parts.push(t('describe.transplantMinSince', { months: formatMonths(c.min_months_since, lang) }));
      if (c.relapse_within_months) {
        parts.push(t('describe.transplantRelapseWithin', { months: formatMonths(c.relapse_within_months, lang) }));
      } else if (c.relapse_after) {
        parts.push(t('describe.transplantRelapseAfter'));
      }
      return parts.join(', ');
    }
    case 'performance': {
      const thresholds: string[] = [];
      if (c.ecog_max !== null && c.ecog_max !== undefined) thresholds.push(t('describe.ecogMax', { value: c.ecog_max }));
      if (c.karnofsky_min !== null && c.karnofsky_min !== undefined) {
        thresholds.push(t('describe.karnofskyMin', { value: c.karnofsky_min }));
      }
      if (c.lansky_min !== null && c.lansky_min !== undefined) thresholds.push(t('describe.lanskyMin', { value: c.lansky_min }));
      return t('describe.performance', { thresholds: joinList(thresholds, lang, 'disjunction') });
    }
    case 'cns_involvement':
      return t('describe.cns_involvement', { values: values(ctx, 'cns', c.any_of) });
    case 'active_gvhd':
      return t('describe.active_gvhd');
    case 'location': {
      const hasCountries = (c.countries ?? []).length > 0;
      const distance = c.max_distance_km !== null && c.max_distance_km !== undefined ? formatKm(c.max_distance_km, lang) : '';
      if (hasCountries && distance) return t('describe.locationBoth', { countries: countries(ctx, c.countries), distance });
      if (distance) return t('describe.locationDistance', { distance });
      return t('describe.locationCountries', { countries: countries(ctx, c.countries) });
    }
    case 'healthy_volunteers':
      return t('describe.healthy_volunteers');
    case 'isolated_extramedullary_relapse':
      return t('describe.isolated_extramedullary_relapse');
    case 'refractory':
      if (c.to === 'last_line') return t('describe.refractoryLastLine');
      return t('describe.refractoryCategories', { items: therapyItems(ctx, c.categories ?? [], c.match) });
    case 'philadelphia':
      return t('describe.philadelphia', { values: values(ctx, 'philadelphia', c.any_of) });
    case 'transplant_eligibility':
      return c.eligible === false ? t('describe.transplantNotEligible') : t('describe.transplantEligible');
    case 'remission_duration': {
      const line = c.line ?? 1;
      const max = c.max_months ? formatMonths(c.max_months, lang) : '';
      const min = c.min_months ? formatMonths(c.min_months, lang) : '';
      if (max && min) return t('describe.remissionBoth', { line, min, max });
      if (max) return t('describe.remissionMax', { line, max });
      if (min) return t('describe.remissionMin', { line, min });
      return t('describe.remissionAny', { line });
    }
    case 'manual':
      return t('describe.manual', { text: c.text ?? '' });
    case 'any_of':
      return t('describe.any_of');
    case 'all_of':
      return t('describe.all_of');
    default:
      return kindTitle(ctx, c.kind);
  }
}

/** A short name for a kind of criterion ("Age", "Diagnosis"). */
export function kindTitle(ctx: TextContext, kind: string): string {
  return hasText(`kinds.${kind}`) ? dyn(ctx.t, `kinds.${kind}`) : ctx.t('kinds.unknown', { kind });
}

/** Whether a criterion's outcome counts for or against the person. */
export function bearingOf(rule: Rule | undefined, outcome: Outcome): Bearing {
  if (outcome === 'unknown') return 'open';
  const met = outcome === 'met';
  return (rule === 'exclude' ? !met : met) ? 'for' : 'against';
}

// Codes whose text depends on the outcome rather than a key of their own.
const COMPOSED = new Set(['performance.converted']);

function reasonKey(code: string): string | null {
  const path = `reasons.${code}`;
  return hasText(path) || COMPOSED.has(code) ? path : null;
}

/** The judgement of one criterion in words: the fact that decided it. */
export function reasonText(ctx: TextContext, result: Pick<CriterionResult, 'kind' | 'outcome' | 'reason'>): string {
  const { t, lang } = ctx;
  const { code } = result.reason;
  const p = result.reason.params;
  const key = reasonKey(code);
  if (!key) return t('reasons.unknownCode', { code });
  const [family, detail] = code.split('.') as [string, string];

  switch (family) {
    case 'age':
    case 'age_at_diagnosis': {
      const min = formatQuantity(p.min, lang);
      const max = formatQuantity(p.max, lang);
      return dyn(t, key, { age: formatQuantity(p.age, lang), min, max, range: ageRange(ctx, min, max) });
    }
    case 'sex':
      return dyn(t, key, { value: valueText(ctx, 'sex', p.value ?? ''), allowed: values(ctx, 'sex', p.allowed) });
    case 'disease_status':
      return dyn(t, key, {
        value: valueText(ctx, 'disease_status', p.value ?? ''),
        allowed: values(ctx, 'disease_status', p.allowed),
      });
    case 'cns_involvement':
      return dyn(t, key, { value: valueText(ctx, 'cns', p.value ?? ''), allowed: values(ctx, 'cns', p.allowed) });
    case 'philadelphia':
      return dyn(t, key, {
        value: valueText(ctx, 'philadelphia', p.value ?? ''),
        allowed: values(ctx, 'philadelphia', p.allowed),
      });
    case 'condition': {
      if (detail === 'antigen_mismatch' || detail === 'antigen_missing') {
        return dyn(t, key, {
          antigen: p.antigen ?? '',
          status: valueText(ctx, 'antigen', p.status ?? ''),
          required: `${p.antigen ?? ''} ${valueText(ctx, 'antigen', p.required ?? '')}`.trim(),
        });
      }
      const required = splitParam(p.required);
      if (detail === 'no_match' && !p.condition) return t('reasons.condition.missing');
      if (detail === 'match' && p.condition && !required.includes(p.condition)) {
        return t('reasons.condition.match_descendant', {
          condition: ctx.nameOf(p.condition),
          required: conditions(ctx, required),
        });
      }
      return dyn(t, key, {
        condition: conditions(ctx, p.condition, 'conjunction'),
        required: conditions(ctx, required),
      });
    }
    case 'relapse_count': {
      let count = '';
      if (p.count !== undefined) count = t('count.exact', { count: p.count });
      else if (p.at_most !== undefined) count = t('count.between', { min: p.at_least ?? '0', max: p.at_most });
      else if (p.at_least !== undefined) count = t('count.atLeast', { min: p.at_least });
      return dyn(t, key, {
        subject: relapseSubject(ctx, p.site),
        count,
        min: p.min ?? '',
        max: p.max ?? '',
        range: numberRange(ctx, p.min, p.max),
      });
    }
    case 'prior_lines':
      return dyn(t, key, { lines: p.lines ?? '', min: p.min ?? '', max: p.max ?? '', range: numberRange(ctx, p.min, p.max) });
    case 'prior_therapy': {
      // Received items are joined by "and", missing ones by "or" unless all
      // were required.
      const items = splitParam(p.items);
      const type = detail === 'received' || p.match === 'all' ? 'conjunction' : 'disjunction';
      return dyn(t, key, {
        items: joinList(
          items.map((i) => therapyItemText(ctx, i)),
          lang,
          detail === 'not_received' && p.match !== 'all' ? 'disjunction' : type,
        ),
      });
    }
    case 'refractory': {
      if (detail === 'missing') return t('reasons.refractory.missing');
      if (p.to === 'last_line') return dyn(t, `reasons.refractory.${detail}_last_line`);
      const items = splitParam(p.items);
      return dyn(t, key, {
        items: joinList(
          items.map((i) => therapyItemText(ctx, i)),
          lang,
          p.match === 'all' ? 'conjunction' : 'disjunction',
        ),
      });
    }
    case 'remission_duration':
      return dyn(t, key, {
        line: p.line ?? '',
        months: formatMonths(p.months, lang),
        max: formatMonths(p.max, lang),
        min: formatMonths(p.min, lang),
      });
    case 'transplant': {
      const type = transplantType(ctx, p.type);
      const text = dyn(t, key, {
        type,
        months: formatMonths(detail === 'relapse_too_late' ? p.relapse_months : p.months_since, lang),
        within: formatMonths(p.within_months ?? p.relapse_within_months, lang),
        min: formatMonths(p.min_months_since, lang),
      });
      if (detail !== 'met') return text;
      const extra = [text];
      if (p.months_since) extra.push(t('reasons.transplant.monthsSince', { months: formatMonths(p.months_since, lang) }));
      if (p.relapse_months) extra.push(t('reasons.transplant.relapseMonths', { months: formatMonths(p.relapse_months, lang) }));
      return extra.join(' ');
    }
    case 'performance': {
      const params = {
        score: scoreText(ctx, p.scale, p.score),
        threshold: thresholdText(ctx, p.threshold),
        converted: p.converted ?? '',
      };
      if (detail === 'converted') {
        return result.outcome === 'met'
          ? t('reasons.performance.converted_met', params)
          : t('reasons.performance.converted_not_met', params);
      }
      return dyn(t, key, params);
    }
    case 'transplant_eligibility':
      if (detail === 'missing') return t('reasons.transplant_eligibility.missing');
      return p.eligible === 'true'
        ? t('reasons.transplant_eligibility.eligible')
        : t('reasons.transplant_eligibility.notEligible');
    case 'location': {
      const params = {
        country: p.country ? countryName(p.country, lang) : '',
        allowed: countries(ctx, p.allowed),
        distance: formatKm(p.distance_km, lang),
        max: formatKm(p.max_distance_km, lang),
      };
      if (detail === 'met') {
        const parts: string[] = [];
        if (p.country) parts.push(t('reasons.location.met', params));
        if (p.distance_km) parts.push(t('reasons.location.metDistance', params));
        return parts.join(' ');
      }
      return dyn(t, key, params);
    }
    case 'manual':
      return t('reasons.manual.review');
    default:
      return dyn(t, key, p);
  }
}
