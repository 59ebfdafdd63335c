import { Alert, Button, Code, Collapse, Container, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../components/FullPageLoader';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../sponsor/shared/labels';
import { listMail } from './api';

export default function MailboxPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  usePageTitle(t('mailbox.title'));
  const mail = useQuery({ queryKey: ['admin', 'mailbox'], queryFn: ({ signal }) => listMail(signal) });
  const [open, setOpen] = useState<number | null>(null);
  const items = mail.data?.items ?? [];

  return (
    <Container size="xl" py={{ base: 'lg', sm: 32 }} px="md">
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('mailbox.title')}</PageHeading>
          <Text>{t('mailbox.intro')}</Text>
        </Stack>
        {mail.isPending ? (
          <FullPageLoader />
        ) : mail.isError ? (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, mail.error, i18n.language)}
          </Alert>
        ) : items.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{t('mailbox.empty')}</Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" horizontalSpacing="md" fz="sm" data-testid="mailbox-table">
                <VisuallyHidden component="caption">{t('mailbox.caption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('mailbox.colSent')}</Table.Th>
                    <Table.Th scope="col">{t('mailbox.colTo')}</Table.Th>
                    <Table.Th scope="col">{t('mailbox.colSubject')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => {
                    const expanded = open === m.id;
                    const bodyId = `mail-${m.id}-body`;
                    return (
                      <Fragment key={m.id}>
                        <Table.Tr>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.sent_at, i18n.language)}</Table.Td>
                          <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.to}</Table.Td>
                          <Table.Th scope="row" fw={500}>
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              onClick={() => setOpen(expanded ? null : m.id)}
                              aria-expanded={expanded}
                              aria-controls={bodyId}
                              rightSection={
                                expanded ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />
                              }
                              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                              h="auto"
                              py={2}
                            >
                              {m.subject}
                            </Button>
                          </Table.Th>
                        </Table.Tr>
                        <Table.Tr style={expanded ? undefined : { display: 'none' }}>
                          <Table.Td colSpan={3} p={0}>
                            <Collapse expanded={expanded}>
                              <Code block id={bodyId} m="xs" style={{ whiteSpace: 'pre-wrap' }}>
                                {m.body}
                              </Code>
                            </Collapse>
                          </Table.Td>
                        </Table.Tr>
                      </Fragment>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
