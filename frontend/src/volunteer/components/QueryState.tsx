import { Alert, Button, Center, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../components/problems';
import { wrapLabel } from './wrap';

/** A loader while data comes, an alert with a retry when it fails. */
export function QueryState({ isLoading, error, onRetry }: { isLoading: boolean; error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  if (isLoading) {
    return (
      <Center py="xl" role="status">
        <Loader aria-hidden />
        <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
      </Center>
    );
  }
  if (!error) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={t('common.loadFailed')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{problemText(tShell, error, i18n.language)}</Text>
        {onRetry && (
          <Button {...wrapLabel} size="sm" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
