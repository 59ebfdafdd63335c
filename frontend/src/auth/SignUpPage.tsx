import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  Paper,
 
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconFlask, IconHeart, IconStethoscope, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SignupRole } from '../api';
import { PageHeading } from '../components/PageHeading';
import { PasswordField } from '../components/PasswordField';
import { applyServerFieldErrors, fieldText, problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { currentLanguage } from '../i18n';
import { useAuth } from './context';
import { homePathFor } from './home';
import { signUpSchema, type SignUpInput, type SignUpValues } from './schemas';

const ACCOUNT_TYPES = [
  { role: 'volunteer', icon: IconHeart, label: 'signUp.volunteerLabel', description: 'signUp.volunteerDescription' },
  {
    role: 'investigator',
    icon: IconStethoscope,
    label: 'signUp.investigatorLabel',
    description: 'signUp.investigatorDescription',
  },
  { role: 'sponsor', icon: IconFlask, label: 'signUp.sponsorLabel', description: 'signUp.sponsorDescription' },
] as const;

function initialRole(param: string | null): SignupRole | '' {
  if (param === 'investigator' || param === 'sponsor' || param === 'volunteer') return param;
  return param === 'staff' ? '' : 'volunteer';
}

export function SignUpPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('signUp.title'));
  const { signUp } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [formError, setFormError] = useState<string | null>(null);

  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignUpInput, unknown, SignUpValues>({
    resolver: zodResolver(signUpSchema),
    defaultValues: {
      role: initialRole(searchParams.get('role')) as SignUpInput['role'],
      display_name: '',
      email: '',
      password: '',
    },
  });
  const role = useWatch({ control, name: 'role' }) as SignupRole | '';

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await signUp({ ...values, locale: currentLanguage() });
      if (result.user.status === 'active' && result.access_token) {
        await navigate(homePathFor(result.user.role), { replace: true });
      } else {
        await navigate('/pending', { replace: true, state: { reason: 'signup', email: result.user.email } });
      }
    } catch (error) {
      if (applyServerFieldErrors(error, setError, ['role', 'display_name', 'email', 'password'], t)) return;
      setFormError(problemText(t, error, i18n.language));
    }
  });

  return (
    <Container size={560} py={{ base: 'lg', sm: 48 }} px="md">
      <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
        <Stack gap="md">
          <PageHeading>{t('signUp.title')}</PageHeading>
          <Text>{t('signUp.intro')}</Text>
          {formError && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} data-testid="form-error">
              {formError}
            </Alert>
          )}
          <form onSubmit={(e) => void onSubmit(e)} noValidate>
            <Stack gap="md">
              <Controller
                control={control}
                name="role"
                render={({ field }) => (
                  <Radio.Group
                    label={t('signUp.accountType')}
                    value={field.value}
                    onChange={field.onChange}
                    name={field.name}
                    required
                    error={fieldText(t, errors.role?.message)}
                  >
                    <Stack gap="xs" mt={6}>
                      {ACCOUNT_TYPES.map((type) => (
                        <Radio.Card key={type.role} value={type.role} p="sm" radius="md" data-role={type.role}>
                          <Group wrap="nowrap" align="flex-start" gap="sm">
                            <Radio.Indicator mt={2} />
                            <type.icon size={22} aria-hidden style={{ flexShrink: 0 }} />
                            <div>
                              <Text fw={600}>{t(type.label)}</Text>
                              <Text size="sm" c="dimmed">
                                {t(type.description)}
                              </Text>
                            </div>
                          </Group>
                        </Radio.Card>
                      ))}
                    </Stack>
                  </Radio.Group>
                )}
              />
              {(role === 'investigator' || role === 'sponsor') && (
                <Alert color="blue" variant="light" icon={<IconShieldLock aria-hidden />}>
                  {t('signUp.staffNote')}
                </Alert>
              )}
              <TextInput
                label={t('common.displayName')}
                description={t('signUp.displayNameHint')}
                autoComplete="name"
                required
                error={fieldText(t, errors.display_name?.message)}
                {...register('display_name')}
              />
              <TextInput
                label={t('common.email')}
                type="email"
                inputMode="email"
                autoComplete="email"
                required
                error={fieldText(t, errors.email?.message)}
                {...register('email')}
              />
              <PasswordField
                label={t('common.password')}
                description={t('signUp.passwordHint')}
                autoComplete="new-password"
                required
                error={fieldText(t, errors.password?.message)}
                {...register('password')}
              />
              <Text size="sm" c="dimmed">
                {t('signUp.privacy')}
              </Text>
              <Button type="submit" loading={isSubmitting} fullWidth>
                {t('signUp.submit')}
              </Button>
            </Stack>
          </form>
          <Text size="sm" ta="center">
            {t('signUp.haveAccount')}{' '}
            <Anchor component={Link} to="/signin" fw={600}>
              {t('common.signIn')}
            </Anchor>
          </Text>
        </Stack>
      </Paper>
    </Container>
  );
}
