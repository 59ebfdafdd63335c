// i18n set-up. English is bundled as the fallback; the other languages are
// loaded on demand, so a phone downloads only the language it shows.

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, isLocale, type Locale } from '../api/types';
import en from './locales/en';
import { bundledNamespaces, namespaceLoaders, type NamespaceName } from './namespaces';
import type { PartialMessages } from './types';

export const LANGUAGE_STORAGE_KEY = 'trialmatch.language';

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: PartialMessages }>> = {
  tr: () => import('./locales/tr'),
  ru: () => import('./locales/ru'),
  kk: () => import('./locales/kk'),
};

/** The language to show before anyone signs in: the visitor's earlier choice,
 * else the first supported language of the browser, else English. */
export function detectLanguage(
  stored: string | null = readStoredLanguage(),
  browser: readonly string[] = typeof navigator !== 'undefined' ? navigator.languages : [],
): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeLanguage(language: Locale): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this page.
  }
}

async function ensureLoaded(language: Locale): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) return;
  const names = Object.keys(namespaceLoaders) as NamespaceName[];
  const [messages, ...others] = await Promise.all([
    loaders[language](),
    ...names.map((ns) => namespaceLoaders[ns][language]()),
  ]);
  i18n.addResourceBundle(language, 'translation', messages.default, true, true);
  names.forEach((ns, i) => i18n.addResourceBundle(language, ns, others[i]?.default ?? {}, true, true));
}

/** Shows the interface in `language` and remembers the choice on this device. */
export async function changeLanguage(language: Locale): Promise<void> {
  await ensureLoaded(language);
  await i18n.changeLanguage(language);
  storeLanguage(language);
}

export function currentLanguage(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

function applyDocumentLanguage(language: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
}

export async function initI18n(language: Locale = detectLanguage()): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', applyDocumentLanguage);
    await i18n.use(initReactI18next).init({
      resources: { en: { translation: en, ...bundledNamespaces } },
      ns: ['translation', ...Object.keys(bundledNamespaces)],
      defaultNS: 'translation',
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...LOCALES],
      nonExplicitSupportedLngs: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
  }
  await ensureLoaded(language);
  await i18n.changeLanguage(language);
  return i18n;
}

export { i18n };
