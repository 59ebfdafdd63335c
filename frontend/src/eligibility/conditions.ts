// The condition taxonomy (GET /conditions): names in the reader's language,
// fetched once per language and cached for the session.

import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';

export interface ConditionNode {
  code: string;
  icd10: string | null;
  name: string;
  parent_code: string | null;
  /** Names of the ancestors, root first. */
  path: string[];
}

interface ConditionList {
  items: ConditionNode[];
  next_cursor: string | null;
}

export function searchConditions(lang: string, q?: string, signal?: AbortSignal): Promise<ConditionNode[]> {
  return api
    .request<ConditionList>('GET', '/conditions', { query: { lang, q }, auth: false, signal })
    .then((page) => page.items);
}

export const conditionsQueryKey = (lang: string, q = '') => ['conditions', lang, q] as const;

export interface ConditionNames {
  /** Every node, by code. */
  byCode: ReadonlyMap<string, ConditionNode>;
  /** The node's name in the reader's language; the code until names load. */
  nameOf: (code: string) => string;
  /** The node and its ancestors' codes, the node first. */
  lineageOf: (code: string) => string[];
  isLoading: boolean;
}

/** The whole taxonomy in the reader's language. */
export function useConditionNames(): ConditionNames {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const query = useQuery({
    queryKey: conditionsQueryKey(lang),
    queryFn: ({ signal }) => searchConditions(lang, undefined, signal),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const byCode = useMemo(() => new Map((query.data ?? []).map((n) => [n.code, n])), [query.data]);
  const nameOf = useCallback((code: string) => byCode.get(code)?.name ?? code, [byCode]);
  const lineageOf = useCallback(
    (code: string) => {
      const out: string[] = [];
      let node = byCode.get(code);
      if (!node) return [code];
      while (node && out.length < 20) {
        out.push(node.code);
        node = node.parent_code ? byCode.get(node.parent_code) : undefined;
      }
      return out;
    },
    [byCode],
  );
  return { byCode, nameOf, lineageOf, isLoading: query.isLoading };
}
