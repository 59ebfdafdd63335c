import { Button, Group } from '@mantine/core';
import { IconArrowRight, IconBuildingHospital, IconChartBar, IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/context';
import { PortalHome } from '../components/PortalHome';
import { usePageTitle } from '../components/usePageTitle';

export default function SponsorHome() {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('staff');
  const { user } = useAuth();
  usePageTitle(t('nav.home'));
  return (
    <PortalHome
      title={t('sponsor.homeTitle', { name: user?.display_name ?? '' })}
      intro={t('sponsor.homeIntro')}
      points={[
        { icon: IconFileImport, text: t('sponsor.pointTrials') },
        { icon: IconBuildingHospital, text: t('sponsor.pointSites') },
        { icon: IconChartBar, text: t('sponsor.pointReports') },
      ]}
    >
      <Group>
        <Button component={Link} to="/sponsor/trials" rightSection={<IconArrowRight size={18} aria-hidden />}>
          {ts('home.sponsorOpen')}
        </Button>
      </Group>
    </PortalHome>
  );
}
