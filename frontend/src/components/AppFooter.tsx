import { Container, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function AppFooter() {
  const { t } = useTranslation();
  return (
    <footer className="app-footer">
      <Container size="lg" py="lg">
        <Text size="sm" c="dimmed">
          {t('app.footer')}
        </Text>
      </Container>
    </footer>
  );
}
