import { Button, Card, Group, List, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconClipboardHeart, IconListSearch, IconPencil, IconShieldCheck, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDate } from '../../components/format';
import { notify } from '../../components/notify';
import { problemText } from '../../components/problems';
import { volunteerApi, type Relationship, type Volunteer } from '../api';
import { useActiveProfile } from '../activeProfile';
import { ConfirmModal } from '../components/ConfirmModal';
import { PageShell } from '../components/PageShell';
import { useProfileName } from '../components/profileName';
import { QueryState } from '../components/QueryState';
import { keys } from '../queries';
import { IdentityForm } from './IdentityForm';
import { tone } from '../../eligibility/tone';
import { wrapLabel } from '../components/wrap';

type Editing = { mode: 'create'; relationship: Relationship } | { mode: 'edit'; profile: Volunteer } | null;

function initialEditing(param: string | null, hasSelf: boolean): Editing {
  if (param === 'child' || param === 'ward') return { mode: 'create', relationship: param };
  if (param === 'self' && !hasSelf) return { mode: 'create', relationship: 'self' };
  return null;
}

function ProfileCard({
  profile,
  onEdit,
  onDelete,
}: {
  profile: Volunteer;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation('volunteer');
  const nameOf = useProfileName();
  const { setActive } = useActiveProfile();
  const navigate = useNavigate();
  const go = (path: string) => {
    setActive(profile.id);
    void navigate(path);
  };
  const headingId = `profile-${profile.id}`;
  return (
    <Card withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId} style={{ overflowWrap: 'anywhere' }}>
          {nameOf(profile)}
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>
            {profile.has_clinical_profile
              ? t('profiles.healthSaved', { date: formatDate(profile.clinical_updated_at ?? undefined, i18n.language) })
              : t('profiles.healthMissing')}
          </List.Item>
          <List.Item>
            {profile.consents.includes('matching') ? t('profiles.matchingOn') : t('profiles.matchingOff')}
          </List.Item>
          <List.Item>
            {profile.consents.includes('contact') ? t('profiles.contactOn') : t('profiles.contactOff')}
          </List.Item>
          {profile.invitations_paused && <List.Item>{t('profiles.paused')}</List.Item>}
        </List>
        <Group gap="xs">
          <Button {...wrapLabel}
            size="sm"
            leftSection={<IconClipboardHeart size={16} aria-hidden />}
            onClick={() => go('/volunteer/health')}
            aria-label={t('profiles.openHealthFor', { name: profile.given_name })}
          >
            {profile.has_clinical_profile ? t('profiles.openHealth') : t('profiles.startHealth')}
          </Button>
          <Button {...wrapLabel}
            size="sm"
            variant="default"
            leftSection={<IconShieldCheck size={16} aria-hidden />}
            onClick={() => go('/volunteer/consent')}
            aria-label={t('profiles.openConsentFor', { name: profile.given_name })}
          >
            {t('nav.consent')}
          </Button>
          <Button {...wrapLabel}
            size="sm"
            variant="default"
            leftSection={<IconListSearch size={16} aria-hidden />}
            onClick={() => go('/volunteer/matches')}
            aria-label={t('profiles.openMatchesFor', { name: profile.given_name })}
          >
            {t('nav.matches')}
          </Button>
        </Group>
        <Group gap="xs">
          <Button {...wrapLabel}
            size="sm"
            variant="subtle"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={onEdit}
            aria-label={t('profiles.editFor', { name: profile.given_name })}
          >
            {t('profiles.edit')}
          </Button>
          {profile.relationship !== 'self' && (
            <Button {...wrapLabel}
              size="sm"
              variant="subtle"
              {...tone('red')}
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={onDelete}
              aria-label={t('profiles.deleteFor', { name: profile.given_name })}
            >
              {t('profiles.delete')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export default function ProfilesPage() {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const { profiles, isLoading, error, setActive } = useActiveProfile();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const hasSelf = profiles.some((p) => p.relationship === 'self');
  const [editing, setEditing] = useState<Editing>(() => initialEditing(params.get('add'), false));
  const [deleting, setDeleting] = useState<Volunteer | null>(null);
  const nameOf = useProfileName();

  const close = () => {
    setEditing(null);
    if (params.has('add')) setParams({}, { replace: true });
  };

  const remove = useMutation({
    mutationFn: (id: string) => volunteerApi.remove(id),
    onSuccess: async (_data, id) => {
      const removed = profiles.find((p) => p.id === id);
      setDeleting(null);
      queryClient.removeQueries({ queryKey: keys.clinical(id) });
      queryClient.removeQueries({ queryKey: keys.matches(id) });
      await queryClient.invalidateQueries({ queryKey: keys.volunteers });
      await queryClient.invalidateQueries({ queryKey: keys.referrals });
      notify(tShell, { color: 'teal', message: t('profiles.deleted', { name: removed?.given_name ?? '' }) });
    },
  });

  return (
    <PageShell title={t('profiles.title')} intro={t('profiles.intro')}>
      <QueryState isLoading={isLoading} error={error} />
      {!isLoading && !error && (
        <>
          {profiles.length === 0 && <Text>{t('profiles.empty')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {profiles.map((p) => (
              <ProfileCard
                key={p.id}
                profile={p}
                onEdit={() => setEditing({ mode: 'edit', profile: p })}
                onDelete={() => {
                  remove.reset();
                  setDeleting(p);
                }}
              />
            ))}
          </SimpleGrid>
          <Group gap="sm">
            <Button {...wrapLabel}
              leftSection={<IconUserPlus size={18} aria-hidden />}
              onClick={() => setEditing({ mode: 'create', relationship: 'child' })}
            >
              {t('profiles.addChild')}
            </Button>
            {!hasSelf && (
              <Button {...wrapLabel} variant="default" onClick={() => setEditing({ mode: 'create', relationship: 'self' })}>
                {t('profiles.addSelf')}
              </Button>
            )}
            <Button {...wrapLabel} variant="default" onClick={() => setEditing({ mode: 'create', relationship: 'ward' })}>
              {t('profiles.addWard')}
            </Button>
          </Group>
        </>
      )}

      <Modal
        opened={editing !== null}
        onClose={close}
        title={
          editing?.mode === 'edit'
            ? t('profiles.editTitle', { name: editing.profile.given_name })
            : t(`profiles.addTitle.${editing?.relationship ?? 'child'}`)
        }
        centered
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        {editing && (
          <IdentityForm
            profile={editing.mode === 'edit' ? editing.profile : undefined}
            relationship={editing.mode === 'create' ? editing.relationship : editing.profile.relationship}
            canAddSelf={!hasSelf}
            onCancel={close}
            onDone={(saved) => {
              const created = editing.mode === 'create';
              close();
              if (created) setActive(saved.id);
              notify(tShell, {
                color: 'teal',
                message: created ? t('profiles.created', { name: saved.given_name }) : t('profiles.updated'),
              });
            }}
          />
        )}
      </Modal>

      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('profiles.deleteTitle', { name: deleting ? nameOf(deleting) : '' })}
        confirmLabel={t('profiles.deleteConfirm')}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        loading={remove.isPending}
        danger
        error={remove.error ? problemText(tShell, remove.error, i18n.language) : null}
      >
        <Text>{t('profiles.deleteBody', { name: deleting?.given_name ?? '' })}</Text>
      </ConfirmModal>
    </PageShell>
  );
}
