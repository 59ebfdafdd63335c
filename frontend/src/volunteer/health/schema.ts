// Checks the wizard makes before saving. The server checks everything again
// (and more: dates against the birth date, responses against the disease);
// its field errors land on the same inputs. Messages are keys of the
// 'volunteer' namespace.

import { z } from 'zod';

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function isDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const date = z
  .string()
  .refine((v) => v === '' || isDate(v), 'errors.codes.invalid_date')
  .refine((v) => v === '' || !isDate(v) || v <= todayIso(), 'errors.codes.in_future');

const count = z.string().refine((v) => {
  if (v.trim() === '') return true;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 20;
}, 'errors.codes.count_range');

const relapse = z.object({ date, site: z.string() });

const diagnosis = z.object({
  condition_code: z.string(),
  diagnosed_on: date,
  status: z.string(),
  relapse_count: count,
  relapses: z.array(relapse).max(20, 'errors.codes.too_many'),
  antigens: z.record(z.string(), z.string().optional()),
  philadelphia: z.string(),
  cns_status: z.string(),
  mrd: z.string(),
});

const line = z
  .object({
    started_on: date,
    ended_on: date,
    categories: z.array(z.string()),
    targets_known: z.string(),
    targets: z.array(z.string()),
    agents: z.string().max(1000, 'errors.codes.too_long'),
    best_response: z.string(),
    response_on: date,
    progressed_on_therapy: z.string(),
    relapsed_on: date,
  })
  .superRefine((l, ctx) => {
    if (l.started_on && l.ended_on && l.ended_on < l.started_on) {
      ctx.addIssue({ code: 'custom', path: ['ended_on'], message: 'errors.codes.before_start' });
    }
    if (l.started_on && l.relapsed_on && l.relapsed_on < l.started_on) {
      ctx.addIssue({ code: 'custom', path: ['relapsed_on'], message: 'errors.codes.before_start' });
    }
  });

export const profileFormSchema = z
  .object({
    date_of_birth: date,
    sex: z.string(),
    country: z.string(),
    city: z.string().max(100, 'errors.codes.too_long'),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    travel: z.object({ max_distance_km: z.string(), countries: z.array(z.string()) }),
    diagnoses: z.array(diagnosis).max(10, 'errors.codes.too_many'),
    therapy_known: z.string(),
    therapy_lines: z.array(line).max(30, 'errors.codes.too_many'),
    transplants_known: z.string(),
    transplants: z.array(z.object({ type: z.string().min(1, 'errors.codes.choose_one'), date })).max(10, 'errors.codes.too_many'),
    active_gvhd: z.string(),
    allo_sct_eligible: z.string(),
    performance: z.object({ scale: z.string(), score: z.string(), assessed_on: date, rated_by: z.string() }),
    race: z.string(),
    ethnicity: z.string(),
  })
  .superRefine((p, ctx) => {
    if (p.date_of_birth) {
      for (const [i, d] of p.diagnoses.entries()) {
        if (d.diagnosed_on && d.diagnosed_on < p.date_of_birth) {
          ctx.addIssue({ code: 'custom', path: ['diagnoses', i, 'diagnosed_on'], message: 'errors.codes.before_birth' });
        }
      }
    }
  });
