import { Button, Code, Paper, Stack, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getMeta, type Role } from '../api';

export const DEMO_PASSWORD = 'TrialMatch-demo-2026';

const DEMO_ACCOUNTS: { role: Role; email: string }[] = [
  { role: 'volunteer', email: 'volunteer@demo.trialmatch.org' },
  { role: 'investigator', email: 'investigator@demo.trialmatch.org' },
  { role: 'sponsor', email: 'sponsor@demo.trialmatch.org' },
  { role: 'admin', email: 'admin@demo.trialmatch.org' },
];

/** Shown only when the server says it runs with demo data. */
export function DemoLogins({ onUse }: { onUse: (email: string, password: string) => void }) {
  const { t } = useTranslation();
  const meta = useQuery({
    queryKey: ['meta'],
    queryFn: ({ signal }) => getMeta(signal),
    staleTime: Infinity,
    retry: false,
  });
  if (!meta.data?.demo) return null;

  return (
    <Paper component="section" withBorder p="md" radius="md" bg="blue.0" aria-labelledby="demo-logins-title">
      <Stack gap="xs">
        <Title order={2} size="h3" id="demo-logins-title">
          {t('signIn.demoTitle')}
        </Title>
        <Text size="sm">
          {t('signIn.demoIntro')}{' '}
          <Code>{DEMO_PASSWORD}</Code>
        </Text>
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {DEMO_ACCOUNTS.map((account) => (
            <Group component="li" key={account.email} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {t(`roles.${account.role}`)}
                </Text>
                <Text size="xs" c="dimmed" truncate="end">
                  {account.email}
                </Text>
              </div>
              <Button
                size="xs"
                variant="white"
                onClick={() => onUse(account.email, DEMO_PASSWORD)}
                aria-label={t('signIn.demoUseLabel', { role: t(`roles.${account.role}`) })}
              >
                {t('signIn.demoUse')}
              </Button>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
