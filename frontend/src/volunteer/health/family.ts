// The disease family of a diagnosis decides which questions the wizard asks
// (Philadelphia chromosome and CNS status for leukaemia, BCMA for myeloma…)
// and which responses to a treatment make sense.

import type { Response } from '../api';

export type Family = 'leukaemia' | 'lymphoma' | 'myeloma' | 'other';

export function familyOf(lineage: readonly string[]): Family {
  if (lineage.includes('leukaemia')) return 'leukaemia';
  if (lineage.includes('lymphoma')) return 'lymphoma';
  if (lineage.includes('plasma_cell_neoplasm')) return 'myeloma';
  return 'other';
}

/** The marker questions for a family. */
export function antigensFor(family: Family): string[] {
  switch (family) {
    case 'leukaemia':
      return ['CD19', 'CD22'];
    case 'lymphoma':
      return ['CD19', 'CD20', 'CD22'];
    case 'myeloma':
      return ['BCMA', 'CD38'];
    default:
      return ['CD19', 'CD22', 'BCMA'];
  }
}

// As the server accepts them (services/clinical_validation.go).
const RESPONSES_BY_FAMILY: Record<Family, Response[]> = {
  leukaemia: ['CR', 'CRi', 'PR', 'SD', 'PD'],
  lymphoma: ['CR', 'PR', 'SD', 'PD'],
  myeloma: ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD'],
  other: ['sCR', 'CR', 'CRi', 'VGPR', 'PR', 'MR', 'SD', 'PD'],
};

export function responsesFor(families: readonly Family[]): Response[] {
  const known = families.filter((f) => f !== 'other');
  if (known.length === 0) return RESPONSES_BY_FAMILY.other;
  const out: Response[] = [];
  for (const f of known) for (const r of RESPONSES_BY_FAMILY[f]) if (!out.includes(r)) out.push(r);
  return RESPONSES_BY_FAMILY.other.filter((r) => out.includes(r));
}
