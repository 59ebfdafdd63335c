import { Button, Container, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconHourglassHigh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../components/usePageTitle';

interface PendingState {
  reason?: 'signup' | 'signin';
  email?: string;
}

/** A staff account that an administrator has not approved yet. */
export function PendingPage() {
  const { t } = useTranslation();
  usePageTitle(t('pending.pageTitle'));
  const state = (useLocation().state ?? {}) as PendingState;

  return (
    <Container size={560} py={{ base: 'lg', sm: 48 }} px="md">
      <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
        <Stack gap="md" align="flex-start">
          <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
            <IconHourglassHigh size={28} />
          </ThemeIcon>
          <PageHeading>{t('pending.title')}</PageHeading>
          <Text size="lg">{state.reason === 'signup' ? t('pending.afterSignUp') : t('pending.afterSignIn')}</Text>
          {typeof state.email === 'string' && (
            <Text c="dimmed">{t('pending.accountEmail', { email: state.email })}</Text>
          )}
          <Button component={Link} to="/signin" variant="default">
            {t('pending.backToSignIn')}
          </Button>
        </Stack>
      </Paper>
    </Container>
  );
}
