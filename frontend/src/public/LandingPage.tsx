import { Box, Button, Card, Container, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/context';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../components/usePageTitle';

function Points({ items }: { items: string[] }) {
  return (
    <List
      spacing="sm"
      icon={
        <ThemeIcon size={22} radius="xl" color="teal.9" aria-hidden>
          <IconCheck size={14} />
        </ThemeIcon>
      }
    >
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}

export function LandingPage() {
  const { t } = useTranslation();
  usePageTitle(t('landing.pageTitle'));
  const { status } = useAuth();
  const signedIn = status === 'signed_in';

  return (
    <>
      <Box bg="blue.0" py={{ base: 40, sm: 72 }}>
        <Container size="lg">
          <Stack gap="lg" maw={760}>
            <PageHeading c="blue.9">{t('landing.title')}</PageHeading>
            <Text size="lg">{t('landing.lead')}</Text>
            <Group gap="sm">
              {signedIn ? (
                <Button component={Link} to="/app" size="lg">
                  {t('common.goToMyHome')}
                </Button>
              ) : (
                <>
                  <Button component={Link} to="/signup?role=volunteer" size="lg">
                    {t('landing.ctaVolunteer')}
                  </Button>
                  <Button component={Link} to="/signin" size="lg" variant="default">
                    {t('landing.ctaSignIn')}
                  </Button>
                </>
              )}
            </Group>
          </Stack>
        </Container>
      </Box>
      <Container size="lg" py={{ base: 32, sm: 56 }}>
        <Stack gap="xl">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder radius="md" p="lg" component="section" aria-labelledby="for-volunteers">
              <Stack gap="md">
                <Title order={2} id="for-volunteers">
                  {t('landing.volunteersTitle')}
                </Title>
                <Points
                  items={[t('landing.volunteersPoint1'), t('landing.volunteersPoint2'), t('landing.volunteersPoint3')]}
                />
              </Stack>
            </Card>
            <Card withBorder radius="md" p="lg" component="section" aria-labelledby="for-teams">
              <Stack gap="md">
                <Title order={2} id="for-teams">
                  {t('landing.teamsTitle')}
                </Title>
                <Points items={[t('landing.teamsPoint1'), t('landing.teamsPoint2'), t('landing.teamsPoint3')]} />
                {!signedIn && (
                  <Group>
                    <Button component={Link} to="/signup?role=staff" variant="outline">
                      {t('landing.ctaStaff')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Card>
          </SimpleGrid>
          <Paper radius="md" p="lg" bg="gray.1" component="section" aria-labelledby="privacy">
            <Group wrap="nowrap" align="flex-start" gap="md">
              <ThemeIcon size={40} radius="xl" color="teal.9" aria-hidden>
                <IconLock size={22} />
              </ThemeIcon>
              <Stack gap={6}>
                <Title order={2} id="privacy">
                  {t('landing.privacyTitle')}
                </Title>
                <Text>{t('landing.privacyBody')}</Text>
              </Stack>
            </Group>
          </Paper>
        </Stack>
      </Container>
    </>
  );
}
