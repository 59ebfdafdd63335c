import { List, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { describeCriterion, type TextContext } from './text';
import type { Criterion } from './types';
import { useTextContext } from './useTextContext';

function Item({ criterion, ctx }: { criterion: Criterion; ctx: TextContext }) {
  return (
    <List.Item data-criterion={criterion.id}>
      <Text component="span" style={{ overflowWrap: 'anywhere' }}>
        {describeCriterion(ctx, criterion)}
      </Text>
      {criterion.criteria && criterion.criteria.length > 0 && (
        <List withPadding spacing={4} listStyleType="circle" mt={4}>
          {criterion.criteria.map((m) => (
            <Item key={m.id} criterion={m} ctx={ctx} />
          ))}
        </List>
      )}
    </List.Item>
  );
}

/** A trial's criteria in plain words, split into who can and who cannot take part. */
export function CriteriaList({ criteria, headingLevel = 3 }: { criteria: readonly Criterion[]; headingLevel?: 2 | 3 | 4 | 5 }) {
  const { t } = useTranslation('eligibility');
  const ctx = useTextContext();
  const uid = useId();
  const include = criteria.filter((c) => c.rule !== 'exclude');
  const exclude = criteria.filter((c) => c.rule === 'exclude');
  if (criteria.length === 0) return <Text>{t('criteriaList.none')}</Text>;
  return (
    <Stack gap="md">
      {[
        { key: 'include' as const, items: include },
        { key: 'exclude' as const, items: exclude },
      ]
        .filter((g) => g.items.length > 0)
        .map((group) => (
          <Stack gap="xs" key={group.key} component="section" aria-labelledby={`${uid}-${group.key}`}>
            <Title order={headingLevel} size="h4" id={`${uid}-${group.key}`}>
              {t(`criteriaList.${group.key}`)}
            </Title>
            <List spacing={6}>
              {group.items.map((c) => (
                <Item key={c.id} criterion={c} ctx={ctx} />
              ))}
            </List>
          </Stack>
        ))}
    </Stack>
  );
}
