import { Anchor, Badge, Box, Button, Collapse, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconMailForward } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EligibilityExplanation, useConditionNames, VerdictBadge } from '../eligibility';
import { countryName } from '../sponsor/shared/countries';
import { label, labels, yesNo } from '../sponsor/shared/labels';
import type { Candidate, Criterion } from '../sponsor/types';

function Fact({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {title}
      </Text>
      <Box fz="sm">{children}</Box>
    </Box>
  );
}

/**
 * A de-identified candidate: the pseudonym, age, sex, diagnoses, treatment
 * summary, country and distance, and the criterion-by-criterion explanation
 * behind a button. No name or contact detail is ever on it.
 */
export function CandidateCard({
  candidate,
  invitedReferralId,
  canInvite,
  onInvite,
  criteria,
}: {
  candidate: Candidate;
  criteria: Criterion[];
  invitedReferralId: string | undefined;
  canInvite: boolean;
  onInvite: (candidate: Candidate) => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const { nameOf } = useConditionNames();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const c = candidate;
  const therapy = c.therapy;

  return (
    <Paper
      component="article"
      withBorder
      radius="md"
      p="md"
      aria-labelledby={headingId}
      data-testid="candidate-card"
      data-candidate-id={c.candidate_id}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Group gap="sm" align="center">
            <Title order={2} size="h4" id={headingId} ff="monospace">
              {t('candidates.card', { id: c.candidate_id })}
            </Title>
            <VerdictBadge verdict={c.verdict} audience="staff" size="md" />
            <Text size="sm" c="dimmed">
              {t('candidates.unknowns', { count: c.unknown_count })}
            </Text>
          </Group>
          <Group gap="xs">
            {invitedReferralId ? (
              <Group gap="xs">
                <Badge color="blue" c="dark.8" variant="light" tt="none" size="lg">
                  {t('candidates.invited')}
                </Badge>
                <Anchor component={Link} to={`/investigator/referrals/${invitedReferralId}`} size="sm">
                  {t('common.open')}
                </Anchor>
              </Group>
            ) : (
              canInvite && (
                <Button
                  size="sm"
                  leftSection={<IconMailForward size={16} aria-hidden />}
                  onClick={() => onInvite(c)}
                  aria-label={t('candidates.inviteLabel', { id: c.candidate_id })}
                >
                  {t('candidates.invite')}
                </Button>
              )
            )}
          </Group>
        </Group>

        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="xs">
          <Fact title={t('candidates.diagnosis')}>
            <Text size="sm" fw={600}>
              {c.conditions.length > 0 ? c.conditions.map((code) => nameOf(code)).join(', ') : t('common.notKnown')}
            </Text>
            <Text size="sm">
              {[
                c.age_years !== null ? t('candidates.age', { count: c.age_years }) : t('candidates.ageUnknown'),
                c.sex ? label(t, 'values', c.sex) : t('candidates.sexUnknown'),
              ].join(' · ')}
            </Text>
          </Fact>
          <Fact title={t('candidates.therapy')}>
            <Text size="sm">
              {therapy.prior_lines !== null
                ? t('candidates.lines', { count: therapy.prior_lines })
                : t('candidates.linesUnknown')}
              {therapy.disease_status && ` · ${t('candidates.diseaseStatus', { status: label(t, 'values', therapy.disease_status) })}`}
            </Text>
            {therapy.categories && therapy.categories.length > 0 && (
              <Text size="sm">{labels(t, 'categories', therapy.categories)}</Text>
            )}
            <Text size="sm">
              {t('candidates.priorCart', { value: yesNo(t, therapy.prior_car_t) })}
              {' · '}
              {t('candidates.alloSct', { value: yesNo(t, therapy.allogeneic_transplant) })}
              {therapy.performance_ecog !== null && ` · ${t('candidates.ecog', { score: therapy.performance_ecog })}`}
            </Text>
          </Fact>
          <Fact title={t('candidates.place')}>
            <Text size="sm">{c.country ? countryName(c.country, i18n.language) : t('common.notKnown')}</Text>
            <Text size="sm">
              {c.nearest_site_km !== null
                ? t('candidates.distance', { km: new Intl.NumberFormat(i18n.language).format(c.nearest_site_km) })
                : t('candidates.distanceUnknown')}
            </Text>
            <Text size="sm" c={c.within_reach === false ? 'red.9' : undefined}>
              {c.within_reach === null
                ? t('candidates.reachUnknown')
                : c.within_reach
                  ? t('candidates.withinReach')
                  : t('candidates.outOfReach')}
            </Text>
          </Fact>
          <Box>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
              aria-controls={panelId}
              rightSection={open ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}
            >
              {open ? t('candidates.hideExplanation') : t('candidates.showExplanation')}
            </Button>
          </Box>
        </SimpleGrid>
        <Collapse expanded={open}>
          <Box id={panelId} pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            {open && (
              <EligibilityExplanation
                result={c.explanation}
                audience="staff"
                criteria={criteria}
                headingLevel={3}
                showVerdict={false}
              />
            )}
          </Box>
        </Collapse>
      </Stack>
    </Paper>
  );
}
