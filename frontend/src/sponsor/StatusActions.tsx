import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconPlayerPause, IconPlayerPlay, IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblemError } from '../api';
import { notify } from '../components/notify';
import { problemText } from '../components/problems';
import { trialKeys, updateTrial } from './api';
import { label } from './shared/labels';
import { fieldProblemText } from './shared/problems';
import type { Trial, TrialStatus } from './types';

const MOVES: Record<TrialStatus, { to: TrialStatus; key: 'start' | 'pause' | 'resume' | 'close' }[]> = {
  draft: [
    { to: 'recruiting', key: 'start' },
    { to: 'closed', key: 'close' },
  ],
  recruiting: [
    { to: 'paused', key: 'pause' },
    { to: 'closed', key: 'close' },
  ],
  paused: [
    { to: 'recruiting', key: 'resume' },
    { to: 'closed', key: 'close' },
  ],
  closed: [],
};

const ICONS = { start: IconPlayerPlay, resume: IconPlayerPlay, pause: IconPlayerPause, close: IconLock };

/** The trial's status changes (draft → recruiting ⇄ paused → closed), with the server's reasons when refused. */
export function StatusActions({ trial }: { trial: Trial }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmClose, setConfirmClose] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);

  const change = useMutation({
    mutationFn: (to: TrialStatus) => updateTrial(trial.id, { status: to }),
    onSuccess: (updated) => {
      setRefusal(null);
      setConfirmClose(false);
      queryClient.setQueryData(trialKeys.one(trial.id), updated);
      void queryClient.invalidateQueries({ queryKey: trialKeys.list() });
      notify(tc, {
        color: 'teal',
        icon: <IconCheck size={18} aria-hidden />,
        message: t('statusActions.changed', { status: label(t, 'status', updated.status) }),
      });
    },
    onError: (error) => {
      setConfirmClose(false);
      if (isProblemError(error) && (error.status === 409 || error.status === 422)) {
        const reasons = error.fieldErrors.length
          ? error.fieldErrors.map((p) => fieldProblemText(t, p, 'statusActions'))
          : [fieldProblemText(t, { field: 'status', code: error.code, message: error.message }, 'statusActions')];
        setRefusal(reasons);
        return;
      }
      setRefusal([problemText(tc, error, i18n.language)]);
    },
  });

  const moves = trial.can_edit ? MOVES[trial.status] : [];
  if (moves.length === 0 && !refusal) return null;

  return (
    <Stack gap="xs">
      <Group gap="xs" role="group" aria-label={t('statusActions.label')}>
        {moves.map((move) => {
          const Icon = ICONS[move.key];
          return (
            <Button
              key={move.key}
              size="sm"
              variant={move.key === 'close' || move.key === 'pause' ? 'default' : 'filled'}
              leftSection={<Icon size={16} aria-hidden />}
              loading={change.isPending && change.variables === move.to}
              onClick={() => (move.key === 'close' ? setConfirmClose(true) : change.mutate(move.to))}
            >
              {t(`statusActions.${move.key}`)}
            </Button>
          );
        })}
      </Group>
      {refusal && (
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          title={t('statusActions.refused')}
          withCloseButton
          closeButtonLabel={tc('common.close')}
          onClose={() => setRefusal(null)}
          data-testid="status-refused"
        >
          <List size="sm">
            {refusal.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Modal opened={confirmClose} onClose={() => setConfirmClose(false)} title={t('statusActions.confirmCloseTitle')} closeButtonProps={{ 'aria-label': tc('common.close') }}>
        <Stack gap="md">
          <Text>{t('statusActions.confirmClose')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmClose(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => change.mutate('closed')} loading={change.isPending}>
              {t('statusActions.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
