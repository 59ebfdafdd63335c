import { Button, Container, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../components/usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Container size="sm" py={56}>
      <Stack gap="md" align="flex-start">
        <PageHeading>{t('notFound.title')}</PageHeading>
        <Text size="lg">{t('notFound.body')}</Text>
        <Button component={Link} to="/">
          {t('common.backToStart')}
        </Button>
      </Stack>
    </Container>
  );
}
