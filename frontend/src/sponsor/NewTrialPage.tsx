import { Container, Paper, Stack, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notify } from '../components/notify';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../components/usePageTitle';
import { createTrial, trialKeys } from './api';
import { TrialForm } from './TrialForm';

export default function NewTrialPage() {
  const { t } = useTranslation('staff');
  const { t: tc } = useTranslation();
  usePageTitle(t('newTrial.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  return (
    <Container size="md" py={{ base: 'lg', sm: 32 }} px="md">
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('newTrial.title')}</PageHeading>
          <Text>{t('newTrial.intro')}</Text>
        </Stack>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <TrialForm
            submitLabel={t('newTrial.submit')}
            onSubmit={async (request) => {
              const trial = await createTrial(request);
              queryClient.setQueryData(trialKeys.one(trial.id), trial);
              void queryClient.invalidateQueries({ queryKey: trialKeys.list() });
              notify(tc, { color: 'teal', icon: <IconCheck size={18} aria-hidden />, message: t('newTrial.created') });
              await navigate(`/sponsor/trials/${trial.id}/criteria`);
            }}
          />
        </Paper>
      </Stack>
    </Container>
  );
}
