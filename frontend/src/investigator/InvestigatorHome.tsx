import { Button, Group } from '@mantine/core';
import { IconArrowRight, IconCalculator, IconMailForward, IconRoute, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/context';
import { PortalHome } from '../components/PortalHome';
import { usePageTitle } from '../components/usePageTitle';

export default function InvestigatorHome() {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('staff');
  const { user } = useAuth();
  usePageTitle(t('nav.home'));
  return (
    <PortalHome
      title={t('investigator.homeTitle', { name: user?.display_name ?? '' })}
      intro={t('investigator.homeIntro')}
      points={[
        { icon: IconUsersGroup, text: t('investigator.pointCandidates') },
        { icon: IconCalculator, text: t('investigator.pointFeasibility') },
        { icon: IconMailForward, text: t('investigator.pointInvite') },
        { icon: IconRoute, text: t('investigator.pointReferrals') },
      ]}
    >
      <Group>
        <Button component={Link} to="/investigator/trials" rightSection={<IconArrowRight size={18} aria-hidden />}>
          {ts('home.investigatorOpen')}
        </Button>
      </Group>
    </PortalHome>
  );
}
