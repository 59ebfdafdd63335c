import { z } from 'zod';
import { PHASES, type Phase, type Trial, type TrialRequest } from './types';

// Messages are keys of the staff namespace, turned into words when shown.
export const trialSchema = z.object({
  title: z.string().trim().min(1, 'common.required').max(500, 'problems.too_long'),
  nct_id: z
    .string()
    .trim()
    .regex(/^(NCT\d{8})?$/, 'problems.invalid'),
  summary: z.object({
    en: z.string().max(5000, 'problems.too_long'),
    tr: z.string().max(5000, 'problems.too_long'),
    ru: z.string().max(5000, 'problems.too_long'),
    kk: z.string().max(5000, 'problems.too_long'),
  }),
  phases: z.array(z.enum(PHASES)),
  target_enrollment: z.number().int().min(0, 'problems.out_of_range').max(1_000_000, 'problems.out_of_range').nullable(),
  conditions: z.array(z.string()).max(50, 'problems.too_many'),
});

export type TrialValues = z.infer<typeof trialSchema>;

export function trialValues(trial?: Trial): TrialValues {
  return {
    title: trial?.title ?? '',
    nct_id: trial?.nct_id ?? '',
    summary: {
      en: trial?.summary.en ?? '',
      tr: trial?.summary.tr ?? '',
      ru: trial?.summary.ru ?? '',
      kk: trial?.summary.kk ?? '',
    },
    phases: (trial?.phases ?? []).filter((p): p is Phase => (PHASES as readonly string[]).includes(p)),
    target_enrollment: trial?.target_enrollment ?? null,
    conditions: trial?.conditions ?? [],
  };
}

export function toTrialRequest(values: TrialValues): TrialRequest {
  const summary = Object.fromEntries(
    Object.entries(values.summary).filter(([, text]) => text.trim() !== ''),
  ) as TrialRequest['summary'];
  const request: TrialRequest = {
    title: values.title.trim(),
    nct_id: values.nct_id.trim(),
    summary,
    phases: values.phases,
    conditions: values.conditions,
  };
  if (values.target_enrollment !== null) request.target_enrollment = values.target_enrollment;
  return request;
}

