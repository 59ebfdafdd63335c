import { Container, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { usePageTitle } from '../../components/usePageTitle';

/** A volunteer page: its one h1, an introduction and the content. */
export function PageShell({
  title,
  intro,
  children,
  size = 'md',
  aside,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  aside?: ReactNode;
}) {
  usePageTitle(title);
  return (
    <Container size={size} py={{ base: 'lg', sm: 40 }} px={{ base: 'sm', xs: 'md' }}>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          {intro && (typeof intro === 'string' ? <Text size="lg">{intro}</Text> : intro)}
        </Stack>
        {aside}
        {children}
      </Stack>
    </Container>
  );
}
