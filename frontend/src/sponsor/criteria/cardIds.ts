import type { DraftCriterion, Kind } from './model';

export interface CardActions {
  change: (key: string, change: (d: DraftCriterion) => DraftCriterion) => void;
  remove: (key: string) => void;
  move: (key: string, by: -1 | 1) => void;
  addMember: (groupKey: string, kind: Kind) => void;
}

export function cardHeadingId(key: string): string {
  return `criterion-${key}-heading`;
}
