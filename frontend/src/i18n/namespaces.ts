// The i18n namespaces besides 'translation' (the shell's): one per area of the
// app, each in its own folder so that areas never edit each other's files.
// English is bundled; other languages load on demand with the page's language.

import eligibility from './eligibility/en';
import staff from './staff/en';
import volunteer from './volunteer/en';

export const bundledNamespaces = { volunteer, staff, eligibility };

export type NamespaceName = keyof typeof bundledNamespaces;

type Loader = () => Promise<{ default: unknown }>;

export const namespaceLoaders: Record<NamespaceName, Record<'tr' | 'ru' | 'kk', Loader>> = {
  volunteer: { tr: () => import('./volunteer/tr'), ru: () => import('./volunteer/ru'), kk: () => import('./volunteer/kk') },
  staff: { tr: () => import('./staff/tr'), ru: () => import('./staff/ru'), kk: () => import('./staff/kk') },
  eligibility: {
    tr: () => import('./eligibility/tr'),
    ru: () => import('./eligibility/ru'),
    kk: () => import('./eligibility/kk'),
  },
};
