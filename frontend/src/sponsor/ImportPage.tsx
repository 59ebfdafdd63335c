import { Alert, Button, Container, FileInput, Group, JsonInput, List, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconFileImport, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isProblemError, type FieldProblem } from '../api';
import { notify } from '../components/notify';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { importCtgov, trialKeys } from './api';

export default function ImportPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  usePageTitle(t('import.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<{ message: string; fields: FieldProblem[] } | null>(null);

  const run = useMutation({
    mutationFn: async () => {
      const source = file ? await file.text() : text;
      if (source.trim() === '') throw new Error('empty');
      let record: unknown;
      try {
        record = JSON.parse(source);
      } catch {
        throw new Error('json');
      }
      return importCtgov(record);
    },
    onSuccess: async (result) => {
      queryClient.setQueryData(trialKeys.one(result.trial.id), result.trial);
      void queryClient.invalidateQueries({ queryKey: trialKeys.list() });
      notify(tc, { color: 'teal', message: t('import.done') });
      await navigate(`/sponsor/trials/${result.trial.id}/criteria`, {
        state: { imported: { warnings: result.warnings } },
      });
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'empty') setFailure({ message: t('import.empty'), fields: [] });
      else if (error instanceof Error && error.message === 'json') setFailure({ message: t('import.invalidJson'), fields: [] });
      else if (isProblemError(error) && error.status === 422) setFailure({ message: t('import.failed'), fields: error.fieldErrors });
      else if (isProblemError(error) && error.status === 409) setFailure({ message: t('import.taken'), fields: [] });
      else setFailure({ message: problemText(tc, error, i18n.language), fields: [] });
    },
  });

  return (
    <Container size="md" py={{ base: 'lg', sm: 32 }} px="md">
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('import.title')}</PageHeading>
          <Text>{t('import.intro')}</Text>
        </Stack>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setFailure(null);
              run.mutate();
            }}
            noValidate
          >
            <Stack gap="md">
              {failure && (
                <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={failure.message} data-testid="import-failed" role="alert">
                  {failure.fields.length > 0 && (
                    <List size="sm" spacing={2}>
                      {failure.fields.map((f, i) => (
                        <List.Item key={`${f.field}-${i}`}>
                          <Text span ff="monospace" size="sm">
                            {f.field}
                          </Text>
                          {': '}
                          {f.message ?? f.code}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Alert>
              )}
              <FileInput
                label={t('import.file')}
                placeholder={t('import.filePlaceholder')}
                accept="application/json,.json"
                value={file}
                onChange={setFile}
                clearable
                leftSection={<IconUpload size={16} aria-hidden />}
                clearButtonProps={{ 'aria-label': tc('common.close') }}
                // A placeholder here is text, not an input's hint: keep AA contrast.
                styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              />
              <JsonInput
                label={t('import.paste')}
                description={t('import.pasteHint')}
                value={text}
                onChange={setText}
                validationError={t('import.invalidJson')}
                autosize
                minRows={8}
                maxRows={20}
                disabled={file !== null}
                styles={{ input: { fontSize: 12 } }}
              />
              <Group>
                <Button type="submit" loading={run.isPending} leftSection={<IconFileImport size={18} aria-hidden />}>
                  {t('import.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Container>
  );
}
