import { Badge, type BadgeProps } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconHelpCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { tone, type Tone } from './tone';
import type { Audience, Verdict } from './types';

const LOOK: Record<Verdict, { tone: Tone; icon: typeof IconCircleCheck }> = {
  eligible: { tone: 'teal', icon: IconCircleCheck },
  possibly_eligible: { tone: 'blue', icon: IconHelpCircle },
  ineligible: { tone: 'gray', icon: IconCircleX },
};

/** The verdict in words: "Might fit" for a volunteer, "Possibly eligible" for staff. */
export function VerdictBadge({
  verdict,
  audience,
  ...props
}: { verdict: Verdict; audience: Audience } & Omit<BadgeProps, 'children' | 'color' | 'c'>) {
  const { t } = useTranslation('eligibility');
  const look = LOOK[verdict];
  const text = audience === 'volunteer' ? t(`verdict.volunteer.${verdict}`) : t(`verdict.staff.${verdict}`);
  return (
    <Badge
      size="lg"
      radius="sm"
      variant="light"
      {...tone(look.tone)}
      leftSection={<look.icon size={16} aria-hidden />}
      styles={{ label: { textTransform: 'none' } }}
      data-verdict={verdict}
      {...props}
    >
      {text}
    </Badge>
  );
}
