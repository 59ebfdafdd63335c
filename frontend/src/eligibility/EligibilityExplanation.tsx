import { Anchor, Badge, Box, Code, Group, List, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconHelpCircle, type Icon } from '@tabler/icons-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { settleHints } from './settle';
import { tone, type Tone } from './tone';
import { bearingOf, describeCriterion, kindTitle, reasonText, type TextContext } from './text';
import type { Audience, Bearing, Criterion, CriterionResult, EligibilityResult, ProfileStep } from './types';
import { useTextContext } from './useTextContext';
import { VerdictBadge } from './VerdictBadge';

export interface EligibilityExplanationProps {
  /** The result of GET /volunteers/{id}/matches, a candidate card or POST /eligibility/evaluate. */
  result: EligibilityResult;
  /** 'volunteer': plain words, whether each criterion fits, what to add.
   * 'staff': criterion ids, inclusion/exclusion and the recorded outcome. */
  audience: Audience;
  /** The trial's criteria; when given, each row says what its criterion asks. */
  criteria?: readonly Criterion[];
  /** Volunteer only: where each missing fact is added (a wizard step's URL). */
  settleLink?: (step: ProfileStep) => string;
  /** Level of the headings inside (default 3). */
  headingLevel?: 2 | 3 | 4 | 5;
  /** Show the verdict badge and its sentence above the list (default true). */
  showVerdict?: boolean;
}

const BEARING_LOOK: Record<Bearing, { tone: Tone; icon: Icon }> = {
  for: { tone: 'teal', icon: IconCircleCheck },
  against: { tone: 'red', icon: IconCircleX },
  open: { tone: 'gray', icon: IconHelpCircle },
};

function indexCriteria(criteria: readonly Criterion[] | undefined): Map<string, Criterion> {
  const map = new Map<string, Criterion>();
  const walk = (list: readonly Criterion[]) => {
    for (const c of list) {
      map.set(c.id, c);
      if (c.criteria) walk(c.criteria);
    }
  };
  if (criteria) walk(criteria);
  return map;
}

interface RowProps {
  result: CriterionResult;
  audience: Audience;
  ctx: TextContext;
  byId: Map<string, Criterion>;
  member: boolean;
}

function CriterionRow({ result, audience, ctx, byId, member }: RowProps) {
  const { t } = ctx;
  const criterion = byId.get(result.id);
  const bearing: Bearing = member
    ? result.outcome === 'met'
      ? 'for'
      : result.outcome === 'not_met'
        ? 'against'
        : 'open'
    : bearingOf(result.rule, result.outcome);
  // A member's "does not apply" is not against the person by itself: colour
  // it neutrally.
  const look = member && bearing === 'against' ? { ...BEARING_LOOK.open, icon: IconCircleX } : BEARING_LOOK[bearing];
  const title = criterion ? describeCriterion(ctx, criterion) : kindTitle(ctx, result.kind);
  const status = member ? t(`member.${result.outcome}`) : t(`bearing.${bearing}`);
  const reason = reasonText(ctx, result);

  return (
    <List.Item
      data-criterion={result.id}
      data-outcome={result.outcome}
      data-bearing={bearing}
      icon={
        <ThemeIcon size={26} radius="xl" variant="light" {...tone(look.tone)} aria-hidden>
          <look.icon size={18} />
        </ThemeIcon>
      }
    >
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          {audience === 'staff' ? (
            <>
              <Badge size="sm" variant="light" {...tone(look.tone)} styles={{ label: { textTransform: 'none' } }}>
                {t(`outcome.${result.outcome}`)}
              </Badge>
              {result.rule && (
                <Badge size="sm" variant="outline" {...tone('gray')} styles={{ label: { textTransform: 'none' } }}>
                  {t(`rule.${result.rule}`)}
                </Badge>
              )}
              <Code>{result.id}</Code>
            </>
          ) : (
            <Text span size="sm" fw={700} c={tone(look.tone).c}>
              {status}
              {!member && result.rule && (
                <Text span size="sm" fw={400} c="dimmed">
                  {' · '}
                  {t(`ruleVolunteer.${result.rule}`)}
                </Text>
              )}
            </Text>
          )}
        </Group>
        {audience === 'staff' && <VisuallyHidden>{status}</VisuallyHidden>}
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
        {result.kind !== 'manual' || audience === 'volunteer' ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {reason}
          </Text>
        ) : null}
        {result.members && result.members.length > 0 && (
          <Box pl={{ base: 0, xs: 'xs' }} pt={4}>
            <List spacing="sm" center={false} aria-label={t('groupMembers')}>
              {result.members.map((m) => (
                <CriterionRow key={m.id} result={m} audience={audience} ctx={ctx} byId={byId} member />
              ))}
            </List>
          </Box>
        )}
      </Stack>
    </List.Item>
  );
}

/** An eligibility result in the reader's language: the verdict, each
 * criterion with the fact that decided it (groups with their members) and,
 * for volunteers, what to add to the profile to settle the open questions. */
export function EligibilityExplanation({
  result,
  audience,
  criteria,
  settleLink,
  headingLevel = 3,
  showVerdict = true,
}: EligibilityExplanationProps) {
  const { t } = useTranslation('eligibility');
  const ctx = useTextContext();
  const uid = useId();
  const byId = useMemo(() => indexCriteria(criteria), [criteria]);
  const bearings = result.criteria.map((c) => bearingOf(c.rule, c.outcome));
  const counts = {
    for: bearings.filter((b) => b === 'for').length,
    against: bearings.filter((b) => b === 'against').length,
    open: bearings.filter((b) => b === 'open').length,
  };
  const hints = audience === 'volunteer' ? settleHints(result.criteria) : [];
  const listHeadingId = `${uid}-criteria`;
  const settleHeadingId = `${uid}-settle`;

  return (
    <Stack gap="md" className="eligibility-explanation">
      {showVerdict && (
        <Stack gap={6} align="flex-start">
          <VerdictBadge verdict={result.verdict} audience={audience} />
          {audience === 'volunteer' && <Text size="sm">{t(`verdict.volunteerHint.${result.verdict}`)}</Text>}
        </Stack>
      )}
      <Stack gap="xs">
        <Title order={headingLevel} size="h4" id={listHeadingId}>
          {t('criteriaHeading')}
        </Title>
        <Text size="sm" c="dimmed">
          {audience === 'volunteer' ? t('summary.volunteer', counts) : t('summary.staff', counts)}
        </Text>
        <List spacing="md" center={false} aria-labelledby={listHeadingId}>
          {result.criteria.map((c) => (
            <CriterionRow key={c.id} result={c} audience={audience} ctx={ctx} byId={byId} member={false} />
          ))}
        </List>
      </Stack>
      {audience === 'volunteer' && counts.open > 0 && (
        <Stack gap="xs" component="section" aria-labelledby={settleHeadingId} data-testid="settle-hints">
          <Title order={headingLevel} size="h4" id={settleHeadingId}>
            {t('settleHeading')}
          </Title>
          {hints.length > 0 ? (
            <>
              <Text size="sm">{t('settleIntro')}</Text>
              <List spacing={6} size="sm">
                {hints.map((hint) => (
                  <List.Item key={`${hint.key}-${hint.params?.antigen ?? ''}`}>
                    {t(`settle.${hint.key}`, { antigen: hint.params?.antigen ?? '' })}
                    {settleLink && (
                      <>
                        {' — '}
                        <Anchor c="blue.9" component={Link} to={settleLink(hint.step)} size="sm" fw={600}>
                          {t('settleLink', { step: t(`steps.${hint.step}`) })}
                        </Anchor>
                      </>
                    )}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm">{t('settleNone')}</Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
