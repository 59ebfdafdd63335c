import { Alert, Anchor, Button, Text } from '@mantine/core';
import { IconCircleCheck, IconHeartHandshake } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { newIdempotencyKey } from '../../api/client';
import { isProblemError } from '../../api';
import { problemText } from '../../components/problems';
import { volunteerApi, type Referral, type Trial, type Volunteer } from '../api';
import { ConfirmModal } from '../components/ConfirmModal';
import { keys } from '../queries';
import { wrapLabel } from '../components/wrap';

/** "I'm interested": after a confirmation that says what the site's team will
 * see, one POST with an Idempotency-Key kept for this attempt, so a double
 * click or a retry writes once. */
export function InterestButton({ profile, trial, referral }: { profile: Volunteer; trial: Trial; referral?: Referral }) {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const key = useRef<string | null>(null);

  const send = useMutation({
    mutationFn: () => {
      key.current ??= newIdempotencyKey();
      return volunteerApi.expressInterest(profile.id, trial.id, key.current);
    },
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: keys.referrals });
    },
    onError: async (error) => {
      if (isProblemError(error) && error.code === 'already_referred') {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: keys.referrals });
      }
    },
  });

  if (referral) {
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} p="sm">
        <Text size="sm">
          {referral.origin === 'interest' ? t('matches.interestSent') : t('matches.alreadyInvited')}{' '}
          <Anchor c="blue.9" component={Link} to="/volunteer/applications" size="sm" fw={600}>
            {t('matches.followApplication')}
          </Anchor>
        </Text>
      </Alert>
    );
  }

  return (
    <>
      <Button {...wrapLabel}
        leftSection={<IconHeartHandshake size={18} aria-hidden />}
        onClick={() => {
          key.current = null;
          send.reset();
          setOpen(true);
        }}
        aria-label={t('matches.interestFor', { trial: trial.title })}
      >
        {t('matches.interest')}
      </Button>
      <ConfirmModal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('matches.interestTitle')}
        confirmLabel={t('matches.interestConfirm')}
        onConfirm={() => {
          if (!send.isPending) send.mutate();
        }}
        loading={send.isPending}
        error={send.error ? problemText(tShell, send.error, i18n.language) : null}
      >
        <Text fw={600}>{trial.title}</Text>
        <Text>{t('matches.interestBody', { name: profile.given_name })}</Text>
        <Text size="sm" c="dimmed">
          {t('matches.interestNote')}
        </Text>
      </ConfirmModal>
    </>
  );
}
