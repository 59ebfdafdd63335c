import { Container, Paper, Stack, Text, ThemeIcon, Title, Group } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from './PageHeading';

export interface PortalPoint {
  icon: Icon;
  text: string;
}

/** A portal's home: a greeting and what the platform does for this role. */
export function PortalHome({
  title,
  intro,
  points,
  children,
}: {
  title: string;
  intro: string;
  points: PortalPoint[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Container size="md" py={{ base: 'lg', sm: 40 }} px="md">
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading data-testid="portal-greeting">{title}</PageHeading>
          <Text size="lg">{intro}</Text>
        </Stack>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="what-you-can-do">
          <Stack gap="md">
            <Title order={2} id="what-you-can-do">
              {t('portal.whatYouCanDo')}
            </Title>
            <Stack gap="md" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {points.map((point) => (
                <Group component="li" key={point.text} wrap="nowrap" align="flex-start" gap="md">
                  <ThemeIcon size={36} radius="md" variant="light" aria-hidden>
                    <point.icon size={20} />
                  </ThemeIcon>
                  <Text pt={6}>{point.text}</Text>
                </Group>
              ))}
            </Stack>
          </Stack>
        </Paper>
        {children}
      </Stack>
    </Container>
  );
}
