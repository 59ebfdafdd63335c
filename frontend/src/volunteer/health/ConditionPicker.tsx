import { Button, Group, Loader, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conditionsQueryKey, searchConditions, useConditionNames, type ConditionNode } from '../../eligibility';
import { wrapLabel } from '../components/wrap';

// Common diagnoses in CAR-T trials, offered before anything is typed.
const COMMON = ['b_all', 't_all', 'aml', 'dlbcl', 'follicular_lymphoma', 'mantle_cell_lymphoma', 'multiple_myeloma'];

function pathText(node: ConditionNode): string {
  return node.path.join(' › ');
}

/** Picks a diagnosis from the taxonomy by searching in any language
 * ("lösemi", "лейкоз", "leukaemia"). Results are radio buttons, which work
 * well with a screen reader and on a phone. */
export function ConditionPicker({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation('volunteer');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { byCode, nameOf } = useConditionNames();
  const [editing, setEditing] = useState(value === '');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const uid = useId();
  const search = useQuery({
    queryKey: conditionsQueryKey(lang, debounced),
    queryFn: ({ signal }) => searchConditions(lang, debounced, signal),
    enabled: editing && debounced.length >= 2,
    staleTime: 5 * 60_000,
  });

  const selected = value ? byCode.get(value) : undefined;

  if (!editing && value) {
    return (
      <Stack gap={4}>
        <Text fw={600} component="p" m={0} id={`${uid}-label`}>
          {t('health.diagnosis.illness')}
        </Text>
        <Paper withBorder p="sm" radius="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0}>
              <Text fw={700}>{nameOf(value)}</Text>
              {selected && selected.path.length > 0 && (
                <Text size="sm" c="dimmed">
                  {pathText(selected)}
                </Text>
              )}
            </Stack>
            <Button {...wrapLabel}
              id={id}
              size="sm"
              variant="default"
              onClick={() => setEditing(true)}
              aria-label={t('health.diagnosis.changeIllness', { name: nameOf(value) })}
            >
              {t('health.diagnosis.change')}
            </Button>
          </Group>
        </Paper>
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    );
  }

  const results: ConditionNode[] =
    debounced.length >= 2
      ? (search.data ?? []).filter((n) => n.code !== 'haematological_malignancy' && n.code !== 'solid_tumour')
      : COMMON.map((c) => byCode.get(c)).filter((n): n is ConditionNode => !!n);

  return (
    <Stack gap="xs">
      <TextInput
        id={id}
        label={t('health.diagnosis.search')}
        description={t('health.diagnosis.searchHint')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={search.isFetching ? <Loader size="xs" aria-hidden /> : null}
        error={error}
        autoComplete="off"
        type="search"
      />
      <Radio.Group
        label={debounced.length >= 2 ? t('health.diagnosis.results') : t('health.diagnosis.common')}
        value={value}
        onChange={onChange}
      >
        <Stack gap={8} mt={6} aria-live="polite">
          {debounced.length >= 2 && !search.isFetching && results.length === 0 && (
            <Text size="sm">{t('health.diagnosis.noResults')}</Text>
          )}
          {results.slice(0, 15).map((node) => (
            <Radio
              key={node.code}
              value={node.code}
              label={node.name}
              description={node.path.length > 0 ? pathText(node) : undefined}
            />
          ))}
        </Stack>
      </Radio.Group>
      {value && (
        <Group>
          <Button {...wrapLabel}
            size="sm"
            variant="default"
            onClick={() => {
              setEditing(false);
              setQ('');
            }}
          >
            {t('health.diagnosis.keep', { name: nameOf(value) })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
