import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReferralState, TrialStatus } from '../types';
import { label } from './labels';

// Light badges with the darkest shade as text, for AA contrast.
const STATUS_COLORS: Record<TrialStatus, { color: string; c: string }> = {
  draft: { color: 'gray', c: 'dark.8' },
  recruiting: { color: 'teal', c: 'dark.8' },
  paused: { color: 'yellow', c: 'dark.8' },
  closed: { color: 'dark', c: 'dark.8' },
};

export function TrialStatusBadge({ status, ...props }: { status: TrialStatus } & BadgeProps) {
  const { t } = useTranslation('staff');
  return (
    <Badge variant="light" color={STATUS_COLORS[status].color} c={STATUS_COLORS[status].c} tt="none" data-testid="trial-status" {...props}>
      {label(t, 'status', status)}
    </Badge>
  );
}

const STATE_COLORS: Partial<Record<ReferralState, string>> = {
  invited: 'blue',
  accepted: 'cyan',
  interested: 'cyan',
  declined: 'gray',
  prescreening: 'indigo',
  screen_failed: 'red',
  eligible: 'teal',
  consented: 'teal',
  enrolled: 'grape',
  treated: 'grape',
  completed: 'dark',
  withdrawn: 'gray',
};

export function StateBadge({ state, ...props }: { state: string } & BadgeProps) {
  const { t } = useTranslation('staff');
  return (
    <Badge
      variant="light"
      color={STATE_COLORS[state as ReferralState] ?? 'gray'}
      c="dark.8"
      tt="none"
      {...props}
    >
      {label(t, 'states', state)}
    </Badge>
  );
}
