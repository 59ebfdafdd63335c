import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconClipboardHeart, IconDownload, IconEyeOff, IconListSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/context';
import { PortalHome } from '../components/PortalHome';
import { usePageTitle } from '../components/usePageTitle';

export default function VolunteerHome() {
  const { t } = useTranslation();
  const { user } = useAuth();
  usePageTitle(t('nav.home'));
  return (
    <PortalHome
      title={t('volunteer.homeTitle', { name: user?.display_name ?? '' })}
      intro={t('volunteer.homeIntro')}
      points={[
        { icon: IconClipboardHeart, text: t('volunteer.pointProfile') },
        { icon: IconListSearch, text: t('volunteer.pointMatches') },
        { icon: IconEyeOff, text: t('volunteer.pointConsent') },
        { icon: IconDownload, text: t('volunteer.pointControl') },
      ]}
    >
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="your-account">
        <Stack gap="sm" align="flex-start">
          <Title order={2} id="your-account">
            {t('volunteer.accountTitle')}
          </Title>
          <Text>{t('volunteer.accountBody')}</Text>
          <Button component={Link} to="/account" variant="default">
            {t('volunteer.accountLink')}
          </Button>
        </Stack>
      </Paper>
    </PortalHome>
  );
}
