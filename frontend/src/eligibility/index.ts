// The shared eligibility explanation: used by the volunteer's matches and by
// the staff portals' candidate cards and criteria preview.
export { EligibilityExplanation, type EligibilityExplanationProps } from './EligibilityExplanation';
export { VerdictBadge } from './VerdictBadge';
export { CriteriaList } from './CriteriaList';
export { useConditionNames, searchConditions, conditionsQueryKey, type ConditionNode, type ConditionNames } from './conditions';
export { useTextContext } from './useTextContext';
export { bearingOf, describeCriterion, kindTitle, reasonText, valueText, therapyItemText, type TextContext } from './text';
export { settleHints, type SettleHint, type SettleHintKey } from './settle';
export { countryName, formatKm, formatAge, formatQuantity, joinList } from './format';
export * from './types';
export { tone, type Tone } from './tone';
