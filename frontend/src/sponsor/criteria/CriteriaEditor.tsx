import { Alert, Anchor, Badge, Box, Button, Grid, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { isProblemError, type FieldProblem } from '../../api';
import { notify } from '../../components/notify';
import { problemText } from '../../components/problems';
import { putCriteria, trialKeys } from '../api';
import { FeasibilityCounts } from '../shared/Feasibility';
import { useFeasibility } from '../shared/useFeasibility';
import { fieldProblemText } from '../shared/problems';
import type { Criterion, Trial } from '../types';
import { cardHeadingId, type CardActions } from './cardIds';
import { CriterionCard, KindMenu } from './CriterionCard';
import {
  addMember,
  allIds,
  countNodes,
  findNode,
  fromApi,
  moveNode,
  newCriterion,
  normalise,
  placeProblems,
  removeNode,
  stableJson,
  toApi,
  updateNode,
  type DraftCriterion,
} from './model';
import classes from './CriteriaEditor.module.css';
import { PreviewPanel } from './PreviewPanel';

/**
 * The criteria builder of a trial: every criterion kind, nested groups,
 * include/exclude, saving with PUT /trials/{id}/criteria, the server's field
 * errors next to the criterion they name, a live preview and a live
 * feasibility count (both debounced).
 */
export function CriteriaEditor({ trial }: { trial: Trial }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<DraftCriterion[]>(() => fromApi(trial.criteria));
  const [baseline, setBaseline] = useState(() => normalise(trial.criteria));
  const [saveProblems, setSaveProblems] = useState<{ json: string; problems: FieldProblem[] } | null>(null);
  // The criterion to focus after the next render (one just added or moved).
  const focusKey = useRef<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const readOnly = !trial.can_edit;

  const criteria = useMemo(() => toApi(drafts), [drafts]);
  const json = stableJson(criteria);
  const dirty = json !== baseline;
  const [debouncedJson] = useDebouncedValue(json, 400);
  const debounced = useMemo(() => JSON.parse(debouncedJson) as Criterion[], [debouncedJson]);

  const counts = useFeasibility(trial.id, debounced, debouncedJson);
  const liveProblems =
    isProblemError(counts.error) && counts.error.status === 422 ? counts.error.fieldErrors : [];
  const shownProblems = saveProblems && saveProblems.json === json ? saveProblems.problems : liveProblems;
  const placed = useMemo(() => placeProblems(drafts, shownProblems), [drafts, shownProblems]);

  // Unsaved criteria are not lost by accident: leaving the trial asks first
  // (its tabs keep the builder as it is), and so does closing the tab.
  const blocker = useBlocker(
    ({ nextLocation }) => dirty && !nextLocation.pathname.startsWith(`/sponsor/trials/${trial.id}`),
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (!focusKey.current) return;
    document.getElementById(cardHeadingId(focusKey.current))?.focus();
    focusKey.current = null;
  });

  const actions: CardActions = {
    change: (key, change) => setDrafts((d) => updateNode(d, key, change)),
    remove: (key) => setDrafts((d) => removeNode(d, key)),
    move: (key, by) => {
      setDrafts((d) => moveNode(d, key, by));
      focusKey.current = key;
    },
    addMember: (groupKey, kind) => {
      const member = newCriterion(kind, allIds(drafts), false);
      setDrafts((d) => addMember(d, groupKey, member));
      focusKey.current = member.key;
    },
  };

  const add = (kind: Parameters<CardActions['addMember']>[1]) => {
    const draft = newCriterion(kind, allIds(drafts), true);
    setDrafts((d) => [...d, draft]);
    focusKey.current = draft.key;
  };

  const save = useMutation({
    mutationFn: () => putCriteria(trial.id, criteria),
    onSuccess: (updated) => {
      queryClient.setQueryData(trialKeys.one(trial.id), updated);
      void queryClient.invalidateQueries({ queryKey: trialKeys.list() });
      setDrafts(fromApi(updated.criteria));
      setBaseline(normalise(updated.criteria));
      setSaveProblems(null);
      notify(tc, { color: 'teal', icon: <IconCheck size={18} aria-hidden />, message: t('criteria.saved') });
    },
    onError: (error) => {
      if (isProblemError(error) && error.status === 422) {
        setSaveProblems({ json, problems: error.fieldErrors });
        setTimeout(() => summaryRef.current?.focus(), 0);
        return;
      }
      notify(tc, { color: 'red', message: problemText(tc, error, i18n.language) });
    },
  });

  const refused = saveProblems && saveProblems.json === json ? saveProblems.problems : null;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md" component="section" aria-labelledby="criteria-title">
          <Group justify="space-between" align="flex-end">
            <Stack gap={2}>
              <Title order={2} id="criteria-title">
                {t('criteria.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('criteria.count', { count: countNodes(drafts) })}
              </Text>
            </Stack>
            {dirty && (
              <Badge color="orange" c="dark.8" variant="light" tt="none" data-testid="criteria-unsaved">
                {t('common.unsaved')}
              </Badge>
            )}
          </Group>
          <Text size="sm">{readOnly ? t('criteria.readOnly') : t('criteria.intro')}</Text>

          {refused && (
            <Alert
              ref={summaryRef}
              tabIndex={-1}
              color="red"
              icon={<IconAlertCircle aria-hidden />}
              title={t('criteria.refused', { count: refused.length })}
              data-testid="criteria-refused"
            >
              <List size="sm" spacing={2}>
                {refused.map((p, i) => {
                  const located = [...placed.byKey.entries()].find(([, list]) => list.some((x) => x.field === p.field));
                  const node = located ? findNode(drafts, located[0]) : undefined;
                  return (
                    <List.Item key={`${p.field}-${i}`}>
                      <Text span ff="monospace" size="sm">
                        {p.field}
                      </Text>
                      {': '}
                      {fieldProblemText(t, p)}{' '}
                      {node && (
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          c="dark.8"
                          fw={600}
                          underline="always"
                          onClick={() => document.getElementById(cardHeadingId(node.key))?.focus()}
                        >
                          {t('criteria.goTo', { id: node.id || '…' })}
                        </Anchor>
                      )}
                    </List.Item>
                  );
                })}
              </List>
            </Alert>
          )}
          {!refused && placed.general.length > 0 && (
            <Alert color="yellow" title={t('criteria.generalProblems')}>
              <List size="sm">
                {placed.general.map((p, i) => (
                  <List.Item key={`${p.field}-${i}`}>{fieldProblemText(t, p)}</List.Item>
                ))}
              </List>
            </Alert>
          )}

          <Box component="fieldset" disabled={readOnly} m={0} p={0} style={{ border: 0, minWidth: 0 }}>
            <Stack gap="sm">
              {drafts.length === 0 && (
                <Text c="dimmed" fs="italic">
                  {t('criteria.empty')}
                </Text>
              )}
              {drafts.map((draft, i) => (
                <CriterionCard
                  key={draft.key}
                  draft={draft}
                  depth={0}
                  index={i}
                  siblings={drafts.length}
                  problems={placed.byKey}
                  actions={actions}
                />
              ))}
              {!readOnly && (
                <Group justify="space-between" mt="xs">
                  <KindMenu buttonLabel={t('criteria.add')} onPick={add} testId="add-criterion" />
                  <Group gap="xs">
                    {dirty && (
                      <Button
                        variant="default"
                        size="sm"
                        onClick={() => {
                          setDrafts(fromApi(trial.criteria));
                          setSaveProblems(null);
                        }}
                      >
                        {t('criteria.discard')}
                      </Button>
                    )}
                    <Button size="sm" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
                      {t('criteria.save')}
                    </Button>
                  </Group>
                </Group>
              )}
            </Stack>
          </Box>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md" className={classes.side}>
          {trial.can_edit && <FeasibilityCounts query={counts} edited={dirty} />}
          <PreviewPanel criteria={debounced} criteriaKey={debouncedJson} />
        </Stack>
      </Grid.Col>
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('criteria.leaveTitle')}
        closeButtonProps={{ 'aria-label': tc('common.close') }}
      >
        <Stack gap="md">
          <Text>{t('criteria.leaveBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
              {t('criteria.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              {t('criteria.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Grid>
  );
}
