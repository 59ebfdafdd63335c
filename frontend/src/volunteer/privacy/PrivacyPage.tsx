import { Alert, Button, Checkbox, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tone } from '../../eligibility/tone';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/context';
import { notify } from '../../components/notify';
import { problemText } from '../../components/problems';
import { volunteerApi } from '../api';
import { useActiveProfile } from '../activeProfile';
import { ConfirmModal } from '../components/ConfirmModal';
import { PageShell } from '../components/PageShell';
import { useProfileName } from '../components/profileName';
import { saveJson } from './download';
import { wrapLabel } from '../components/wrap';

export default function PrivacyPage() {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const { user, signOut } = useAuth();
  const { profiles } = useActiveProfile();
  const nameOf = useProfileName();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);

  const exportData = useMutation({
    mutationFn: () => volunteerApi.exportData(),
    onSuccess: (data) => {
      const day = data.exported_at.slice(0, 10);
      saveJson(data, `trialmatch-data-${day}.json`);
      notify(tShell, { color: 'teal', message: t('privacy.downloaded') });
    },
  });

  const remove = useMutation({
    mutationFn: () => volunteerApi.deleteAccount(),
    onSuccess: async () => {
      setConfirming(false);
      // Leave the signed-in pages first; then end the session here too.
      await navigate('/', { replace: true });
      await signOut();
      notify(tShell, { color: 'teal', message: t('privacy.deleted'), autoClose: 10_000 });
    },
  });

  return (
    <PageShell title={t('privacy.title')} intro={t('privacy.intro')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="export-heading">
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h3" id="export-heading">
            {t('privacy.exportTitle')}
          </Title>
          <Text>{t('privacy.exportBody')}</Text>
          {exportData.error && (
            <Alert color="red" role="alert" w="100%">
              {problemText(tShell, exportData.error, i18n.language)}
            </Alert>
          )}
          <Button {...wrapLabel} leftSection={<IconDownload size={18} aria-hidden />} onClick={() => exportData.mutate()} loading={exportData.isPending}>
            {t('privacy.exportButton')}
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="delete-heading">
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h3" id="delete-heading">
            {t('privacy.deleteTitle')}
          </Title>
          <Text>{t('privacy.deleteBody')}</Text>
          <Button {...wrapLabel}
            {...tone('red')}
            variant="outline"
            leftSection={<IconTrash size={18} aria-hidden />}
            onClick={() => {
              setUnderstood(false);
              remove.reset();
              setConfirming(true);
            }}
          >
            {t('privacy.deleteButton')}
          </Button>
        </Stack>
      </Paper>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('privacy.confirmTitle')}
        confirmLabel={t('privacy.confirmButton')}
        onConfirm={() => remove.mutate()}
        loading={remove.isPending}
        danger
        confirmDisabled={!understood}
        error={remove.error ? problemText(tShell, remove.error, i18n.language) : null}
      >
        <Text>{t('privacy.confirmIntro')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('privacy.eraseAccount', { email: user?.email ?? '' })}</List.Item>
          {profiles.map((p) => (
            <List.Item key={p.id}>{t('privacy.eraseProfile', { name: nameOf(p) })}</List.Item>
          ))}
          <List.Item>{t('privacy.eraseConsents')}</List.Item>
          <List.Item>{t('privacy.eraseSessions')}</List.Item>
        </List>
        <Text size="sm">{t('privacy.keptNote')}</Text>
        <Text size="sm" fw={600}>
          {t('privacy.exportFirst')}
        </Text>
        <Checkbox
          label={t('privacy.understand')}
          checked={understood}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
        />
      </ConfirmModal>
    </PageShell>
  );
}
