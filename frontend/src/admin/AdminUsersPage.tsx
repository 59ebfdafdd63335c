import { Alert, Badge, Button, Container, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { approveUser, listUsers, type Page, type User } from '../api';
import { formatDate } from '../components/format';
import { FullPageLoader } from '../components/FullPageLoader';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { notify } from '../components/notify';
import { usePageTitle } from '../components/usePageTitle';

const PENDING_KEY = ['admin', 'users', 'pending'] as const;
const PAGE_SIZE = 50;

export default function AdminUsersPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('admin.usersTitle'));
  const queryClient = useQueryClient();

  const pending = useInfiniteQuery({
    queryKey: PENDING_KEY,
    queryFn: ({ pageParam, signal }) => listUsers({ status: 'pending', limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

  const approve = useMutation({
    mutationFn: (user: User) => approveUser(user.id),
    onSuccess: (approved) => {
      // Take the row away at once; the list is then fetched again.
      queryClient.setQueryData<InfiniteData<Page<User>, string | null>>(PENDING_KEY, (data) =>
        data
          ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((u) => u.id !== approved.id) })) }
          : data,
      );
      notify(t, {
        color: 'teal',
        icon: <IconCheck size={18} aria-hidden />,
        message: t('admin.approved', { name: approved.display_name }),
      });
      void queryClient.invalidateQueries({ queryKey: PENDING_KEY });
    },
    onError: (error) => {
      notify(t, { color: 'red', message: problemText(t, error, i18n.language) });
    },
  });

  const users = pending.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Container size="lg" py={{ base: 'lg', sm: 40 }} px="md">
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('admin.usersTitle')}</PageHeading>
          <Text>{t('admin.usersIntro')}</Text>
        </Stack>
        {pending.isPending ? (
          <FullPageLoader />
        ) : pending.isError ? (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(t, pending.error, i18n.language)}
          </Alert>
        ) : users.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{t('admin.empty')}</Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" horizontalSpacing="md" striped>
                <VisuallyHidden component="caption">{t('admin.tableCaption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.name')}</Table.Th>
                    <Table.Th scope="col">{t('admin.email')}</Table.Th>
                    <Table.Th scope="col">{t('admin.role')}</Table.Th>
                    <Table.Th scope="col">{t('admin.signedUp')}</Table.Th>
                    <Table.Th scope="col">{t('admin.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.map((user) => (
                    <Table.Tr key={user.id} data-email={user.email}>
                      <Table.Th scope="row" fw={600}>
                        {user.display_name}
                      </Table.Th>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{user.email}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" tt="none" size="lg" color={user.role === 'sponsor' ? 'grape' : 'blue'}>
                          {t(`roles.${user.role}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatDate(user.created_at, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="sm"
                          onClick={() => approve.mutate(user)}
                          loading={approve.isPending && approve.variables.id === user.id}
                          aria-label={t('admin.approveLabel', { name: user.display_name })}
                        >
                          {t('admin.approve')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        {pending.hasNextPage && (
          <Button variant="default" onClick={() => void pending.fetchNextPage()} loading={pending.isFetchingNextPage}>
            {t('admin.loadMore')}
          </Button>
        )}
      </Stack>
    </Container>
  );
}
