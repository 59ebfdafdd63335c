import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  List,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { TitleOrder } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { label } from '../shared/labels';
import { fieldProblemText } from '../shared/problems';
import { cardHeadingId, type CardActions } from './cardIds';
import { KindFields } from './KindFields';
import { isGroupKind, KIND_FIELD_NAMES, KIND_GROUPS, type DraftCriterion, type Kind, type PlacedProblem } from './model';

/** A button that opens a dialog with every criterion kind, grouped. */
export function KindMenu({
  buttonLabel,
  ariaLabel,
  onPick,
  variant = 'light',
  testId,
}: {
  buttonLabel: string;
  ariaLabel?: string;
  onPick: (kind: Kind) => void;
  variant?: 'light' | 'filled' | 'default' | 'subtle';
  testId?: string;
}) {
  const { t } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant={variant}
        leftSection={<IconPlus size={16} aria-hidden />}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        data-testid={testId}
      >
        {buttonLabel}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={ariaLabel ?? buttonLabel}
        size="xl"
        returnFocus={false}
        closeButtonProps={{ 'aria-label': tc('common.close') }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          {(Object.keys(KIND_GROUPS) as (keyof typeof KIND_GROUPS)[]).map((group) => (
            <Stack key={group} gap={6} role="group" aria-labelledby={`kind-group-${group}`}>
              <Text fw={700} size="sm" id={`kind-group-${group}`}>
                {label(t, 'kindGroups', group)}
              </Text>
              {KIND_GROUPS[group].map((kind) => (
                <Button
                  key={kind}
                  variant="default"
                  size="compact-md"
                  justify="flex-start"
                  fw={500}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                  h="auto"
                  py={6}
                  onClick={() => {
                    setOpen(false);
                    onPick(kind);
                  }}
                >
                  {label(t, 'kinds', kind)}
                </Button>
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      </Modal>
    </>
  );
}

function headingOrder(depth: number): TitleOrder {
  return Math.min(3 + depth, 6) as TitleOrder;
}

/** One criterion: id, rule (top level), its kind's fields, members of a group, and the server's problems. */
export function CriterionCard({
  draft,
  depth,
  index,
  siblings,
  problems,
  actions,
}: {
  draft: DraftCriterion;
  depth: number;
  index: number;
  siblings: number;
  problems: Map<string, PlacedProblem[]>;
  actions: CardActions;
}) {
  const { t } = useTranslation('staff');
  const mine = problems.get(draft.key) ?? [];
  const top = depth === 0;
  const group = isGroupKind(draft.kind);
  const fieldNames = KIND_FIELD_NAMES[draft.kind] ?? [];
  const headingId = cardHeadingId(draft.key);
  const name = draft.id || '…';

  const err = (field: string): string | undefined => {
    const found = mine.filter((p) => p.sub === field || p.sub.startsWith(`${field}.`));
    return found.length > 0 ? found.map((p) => fieldProblemText(t, p)).join(' ') : undefined;
  };
  const residual = mine.filter((p) => {
    const head = p.sub.split('.')[0] ?? '';
    return head !== 'id' && head !== 'rule' && !fieldNames.includes(head);
  });
  const set = (field: string, value: unknown) =>
    actions.change(draft.key, (d) => ({ ...d, fields: { ...d.fields, [field]: value } }));

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      role="group"
      aria-labelledby={headingId}
      data-testid="criterion"
      data-criterion-id={draft.id}
      bg={group ? 'gray.0' : undefined}
      style={mine.length > 0 ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Title order={headingOrder(depth)} size="h5" id={headingId} tabIndex={-1} style={{ minWidth: 0 }}>
            {label(t, 'kinds', draft.kind)}{' '}
            <Text span ff="monospace" size="sm" c="dimmed" fw={400}>
              {name}
            </Text>
            {top && draft.rule === 'exclude' && (
              <Badge ml="xs" color="red" c="dark.8" variant="light" tt="none" size="sm">
                {label(t, 'rule', 'exclude')}
              </Badge>
            )}
          </Title>
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => actions.move(draft.key, -1)}
              disabled={index === 0}
              aria-label={t('criteria.moveUp', { id: name })}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => actions.move(draft.key, 1)}
              disabled={index === siblings - 1}
              aria-label={t('criteria.moveDown', { id: name })}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => actions.remove(draft.key)}
              aria-label={t('criteria.remove', { id: name })}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>

        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput
            size="sm"
            label={t('fields.id')}
            value={draft.id}
            onChange={(e) => {
              const id = e.currentTarget.value;
              actions.change(draft.key, (d) => ({ ...d, id }));
            }}
            error={err('id')}
            maxLength={64}
            w={200}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          {top && (
            <Box>
              <Text component="span" size="sm" fw={500} id={`${headingId}-rule`} display="block" mb={4}>
                {t('fields.rule')}
              </Text>
              <SegmentedControl
                size="sm"
                aria-labelledby={`${headingId}-rule`}
                value={draft.rule ?? 'include'}
                onChange={(v) => actions.change(draft.key, (d) => ({ ...d, rule: v }))}
                data={[
                  { value: 'include', label: label(t, 'rule', 'include') },
                  { value: 'exclude', label: label(t, 'rule', 'exclude') },
                ]}
                color={draft.rule === 'exclude' ? 'red' : 'blue'}
              />
              {err('rule') && (
                <Text size="xs" c="dark.8" mt={4}>
                  {err('rule')}
                </Text>
              )}
            </Box>
          )}
        </Group>

        <KindFields draft={draft} set={set} err={err} />

        {group && (
          <Stack gap="xs">
            {draft.members.length === 0 ? (
              <Text size="sm" c="dimmed" fs="italic">
                {t('criteria.emptyGroup')}
              </Text>
            ) : (
              <Stack gap="xs" pl={{ base: 'xs', sm: 'md' }} style={{ borderLeft: '3px solid var(--mantine-color-blue-2)' }}>
                {draft.members.map((member, i) => (
                  <CriterionCard
                    key={member.key}
                    draft={member}
                    depth={depth + 1}
                    index={i}
                    siblings={draft.members.length}
                    problems={problems}
                    actions={actions}
                  />
                ))}
              </Stack>
            )}
            <Box>
              <KindMenu
                buttonLabel={t('criteria.addMember')}
                ariaLabel={`${t('criteria.addMember')}: ${name}`}
                onPick={(kind) => actions.addMember(draft.key, kind)}
                variant="default"
                testId={`add-member-${draft.id}`}
              />
            </Box>
          </Stack>
        )}

        {residual.length > 0 && (
          <Box role="alert">
            <Text size="sm" fw={600} c="dark.8">
              {t('criteria.problemsIn', { id: name })}
            </Text>
            <List size="sm" c="dark.8" spacing={2}>
              {residual.map((p, i) => (
                <List.Item key={`${p.field}-${i}`}>
                  {p.sub ? t('problems.field', { field: p.sub, message: fieldProblemText(t, p) }) : fieldProblemText(t, p)}
                </List.Item>
              ))}
            </List>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
