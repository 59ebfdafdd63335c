import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown when a page fails to render or its code fails to load. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <main>
      <Container size="sm" py={56}>
        <Stack gap="md" align="flex-start">
          <Title order={1}>{t('errors.loadFailed')}</Title>
          <Text size="lg">{t('errors.generic')}</Text>
          <Button onClick={() => window.location.reload()}>{t('common.tryAgain')}</Button>
        </Stack>
      </Container>
    </main>
  );
}
