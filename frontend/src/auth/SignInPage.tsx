import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { isProblemError } from '../api';
import { PageHeading } from '../components/PageHeading';
import { PasswordField } from '../components/PasswordField';
import { applyServerFieldErrors, fieldText, problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { useAuth } from './context';
import { DemoLogins } from './DemoLogins';
import { homePathFor, safeReturnPath } from './home';
import { signInSchema, type SignInValues } from './schemas';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('signIn.title'));
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = safeReturnPath((location.state as { from?: unknown } | null)?.from);
  const [formError, setFormError] = useState<string | null>(null);

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const user = await signIn({ email: values.email.trim(), password: values.password });
      await navigate(from ?? homePathFor(user.role), { replace: true });
    } catch (error) {
      if (isProblemError(error) && error.code === 'account_pending') {
        await navigate('/pending', { state: { reason: 'signin', email: values.email.trim() } });
        return;
      }
      if (applyServerFieldErrors(error, setError, ['email', 'password'], t)) return;
      setFormError(problemText(t, error, i18n.language));
    }
  });

  const fillDemo = (email: string, password: string) => {
    setValue('email', email, { shouldValidate: true });
    setValue('password', password, { shouldValidate: true });
  };

  return (
    <Container size={460} py={{ base: 'lg', sm: 48 }} px="md">
      <Stack gap="lg">
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Stack gap="md">
            <PageHeading>{t('signIn.title')}</PageHeading>
            <Text>{t('signIn.intro')}</Text>
            {from && !formError && (
              <Alert color="blue" icon={<IconInfoCircle aria-hidden />} role="status">
                {t('signIn.sessionEnded')}
              </Alert>
            )}
            {formError && (
              <Alert color="red" icon={<IconAlertCircle aria-hidden />} data-testid="form-error">
                {formError}
              </Alert>
            )}
            <form onSubmit={(e) => void onSubmit(e)} noValidate>
              <Stack gap="md">
                <TextInput
                  label={t('common.email')}
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  required
                  error={fieldText(t, errors.email?.message)}
                  {...register('email')}
                />
                <PasswordField
                  label={t('common.password')}
                  autoComplete="current-password"
                  required
                  error={fieldText(t, errors.password?.message)}
                  {...register('password')}
                />
                <Button type="submit" loading={isSubmitting} fullWidth mt="xs">
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
            <Text size="sm" ta="center">
              {t('signIn.noAccount')}{' '}
              <Anchor component={Link} to="/signup" fw={600}>
                {t('signIn.createAccount')}
              </Anchor>
            </Text>
          </Stack>
        </Paper>
        <DemoLogins onUse={fillDemo} />
      </Stack>
    </Container>
  );
}
