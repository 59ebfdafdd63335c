import { Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleDashed,
  IconClipboardHeart,
  IconDownload,
  IconEyeOff,
  IconListSearch,
  IconUserPlus,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/context';
import { PortalHome } from '../components/PortalHome';
import { usePageTitle } from '../components/usePageTitle';
import type { Volunteer } from './api';
import { useActiveProfile } from './activeProfile';
import { useProfileName } from './components/profileName';
import { useReferrals } from './queries';
import { tone } from '../eligibility/tone';
import { wrapLabel } from './components/wrap';

function Check({ done, children }: { done: boolean; children: React.ReactNode }) {
  const { t } = useTranslation('volunteer');
  return (
    <List.Item
      icon={
        <ThemeIcon size={22} radius="xl" variant="light" {...tone(done ? 'teal' : 'gray')} aria-hidden>
          {done ? <IconCircleCheck size={16} /> : <IconCircleDashed size={16} />}
        </ThemeIcon>
      }
    >
      <Text span size="sm">
        <Text span size="sm" fw={600}>
          {done ? t('home.done') : t('home.todo')}
        </Text>{' '}
        {children}
      </Text>
    </List.Item>
  );
}

function ProfileProgress({ profile }: { profile: Volunteer }) {
  const { t } = useTranslation('volunteer');
  const nameOf = useProfileName();
  const { setActive } = useActiveProfile();
  const navigate = useNavigate();
  const go = (path: string) => {
    setActive(profile.id);
    void navigate(path);
  };
  const headingId = `home-${profile.id}`;
  const next = !profile.has_clinical_profile
    ? { path: '/volunteer/health', label: t('home.nextHealth') }
    : !profile.consents.includes('matching')
      ? { path: '/volunteer/consent', label: t('home.nextConsent') }
      : { path: '/volunteer/matches', label: t('home.nextMatches') };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} id={headingId}>
          {nameOf(profile)}
        </Title>
        <List spacing={6} center>
          <Check done={profile.has_clinical_profile}>{t('home.stepHealth')}</Check>
          <Check done={profile.consents.includes('matching')}>{t('home.stepMatching')}</Check>
          <Check done={profile.consents.includes('contact')}>{t('home.stepContact')}</Check>
        </List>
        <Group>
          <Button {...wrapLabel} onClick={() => go(next.path)} aria-label={`${next.label}: ${profile.given_name}`}>
            {next.label}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function VolunteerHome() {
  const { t } = useTranslation();
  const { t: tv } = useTranslation('volunteer');
  const { user } = useAuth();
  const { profiles, isLoading } = useActiveProfile();
  const referrals = useReferrals();
  const invitations = (referrals.data ?? []).filter((r) => r.state === 'invited').length;
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
      {invitations > 0 && (
        <Paper radius="md" p="md" bg="blue.0" withBorder>
          <Group justify="space-between" gap="sm">
            <Group gap="xs">
              <Badge color="blue.9">{invitations}</Badge>
              <Text fw={600}>{tv('home.invitations')}</Text>
            </Group>
            <Button {...wrapLabel} component={Link} to="/volunteer/applications">
              {tv('home.openInvitations')}
            </Button>
          </Group>
        </Paper>
      )}
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="home-profiles">
        <Stack gap="md">
          <Title order={2} id="home-profiles">
            {tv('home.profilesTitle')}
          </Title>
          {!isLoading && profiles.length === 0 && (
            <Stack gap="sm" align="flex-start">
              <Text>{tv('home.start')}</Text>
              <Group gap="sm">
                <Button {...wrapLabel} component={Link} to="/volunteer/profiles?add=child" leftSection={<IconUserPlus size={18} aria-hidden />}>
                  {tv('noProfile.addChild')}
                </Button>
                <Button {...wrapLabel} component={Link} to="/volunteer/profiles?add=self" variant="default">
                  {tv('noProfile.addSelf')}
                </Button>
              </Group>
            </Stack>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {profiles.map((p) => (
              <ProfileProgress key={p.id} profile={p} />
            ))}
          </SimpleGrid>
          {profiles.length > 0 && (
            <Group>
              <Button {...wrapLabel} component={Link} to="/volunteer/profiles" variant="default">
                {tv('home.manageProfiles')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="your-account">
        <Stack gap="sm" align="flex-start">
          <Title order={2} id="your-account">
            {t('volunteer.accountTitle')}
          </Title>
          <Text>{t('volunteer.accountBody')}</Text>
          <Group gap="sm">
            <Button {...wrapLabel} component={Link} to="/account" variant="default">
              {t('volunteer.accountLink')}
            </Button>
            <Button {...wrapLabel} component={Link} to="/volunteer/privacy" variant="default">
              {tv('home.privacyLink')}
            </Button>
            <Button {...wrapLabel} component={Link} to="/trials" variant="subtle">
              {tv('home.allTrials')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </PortalHome>
  );
}
