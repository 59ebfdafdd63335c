import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useConditionNames } from './conditions';
import type { TextContext } from './text';

/** What the text functions need: the namespace's t, the language and the
 * condition names in that language. */
export function useTextContext(): TextContext {
  const { t, i18n } = useTranslation('eligibility');
  const { nameOf } = useConditionNames();
  const lang = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => ({ t, lang, nameOf }), [t, lang, nameOf]);
}
