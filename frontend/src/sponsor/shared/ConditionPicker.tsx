import { MultiSelect, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { conditionsQueryKey, searchConditions, useConditionNames, type ConditionNode } from '../../eligibility';

function option(node: ConditionNode): ComboboxItem {
  return { value: node.code, label: node.icd10 ? `${node.name} (${node.icd10})` : node.name };
}

/**
 * Picks condition codes of the taxonomy. Typing searches the server, which
 * knows every language's names and everyday synonyms ("lösemi", "лейкоз");
 * with nothing typed, the whole tree is listed.
 */
export function ConditionPicker({
  value,
  onChange,
  label,
  description,
  error,
  required,
  testId,
}: {
  value: string[];
  onChange: (codes: string[]) => void;
  label: string;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation('staff');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { byCode: tree } = useConditionNames();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: conditionsQueryKey(lang, debounced),
    queryFn: ({ signal }) => searchConditions(lang, debounced, signal),
    enabled: debounced.length > 0,
    staleTime: 5 * 60_000,
  });

  const listed = debounced ? (found.data ?? []) : [...tree.values()];
  const data: ComboboxItem[] = listed.map(option);
  // Picked codes stay in the data so that their pills keep their names.
  for (const code of value) {
    if (!data.some((o) => o.value === code)) {
      const node = tree.get(code);
      data.push(node ? option(node) : { value: code, label: code });
    }
  }

  return (
    <MultiSelect
      label={label}
      description={description}
      error={error}
      required={required}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has searched already (in every language); show what it found.
      filter={({ options }) => options}
      placeholder={value.length === 0 ? t('fields.conditionsSearch') : undefined}
      nothingFoundMessage={t('common.none')}
      maxDropdownHeight={280}
      data-testid={testId}
      clearable
    />
  );
}
