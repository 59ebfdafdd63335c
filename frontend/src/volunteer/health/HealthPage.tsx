import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Box, Button, Group, List, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconArrowLeft, IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useSearchParams } from 'react-router';
import { problemText } from '../../components/problems';
import { PROFILE_STEPS, type ProfileStep } from '../../eligibility';
import { volunteerApi, type Clinical, type FieldNote, type Volunteer } from '../api';
import { useActiveProfile } from '../activeProfile';
import { ConfirmModal } from '../components/ConfirmModal';
import { fieldProblems, fieldProblemText, schemaText } from '../components/errors';
import { NoProfile } from '../components/NoProfile';
import { PageShell } from '../components/PageShell';
import { ProfileSwitcher } from '../components/ProfileSwitcher';
import { QueryState } from '../components/QueryState';
import { keys, useClinical } from '../queries';
import { AboutStep } from './AboutStep';
import { DiagnosisStep } from './DiagnosisStep';
import { fieldId, formPath, stepOf, toForm, toProfile, type ProfileForm } from './model';
import { MoreStep } from './MoreStep';
import { PerformanceStep } from './PerformanceStep';
import { profileFormSchema } from './schema';
import { fieldLabel, summaryItems } from './summary';
import { TransplantsStep } from './TransplantsStep';
import { TreatmentsStep } from './TreatmentsStep';
import { wrapLabel } from '../components/wrap';

function isStep(value: string | null): value is ProfileStep {
  return (PROFILE_STEPS as readonly string[]).includes(value ?? '');
}

/** Focuses an input by id, or the first control inside it. */
function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
  (target ?? el).focus();
  (target ?? el).scrollIntoView({ block: 'center' });
}

function StepNav({ step, onGo }: { step: ProfileStep; onGo: (s: ProfileStep) => void }) {
  const { t } = useTranslation('volunteer');
  const current = PROFILE_STEPS.indexOf(step);
  return (
    <nav aria-label={t('health.stepsLabel')}>
      <Box component="ol" m={0} p={0} style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {PROFILE_STEPS.map((s, i) => {
          const active = s === step;
          return (
            <li key={s}>
              <UnstyledButton
                onClick={() => onGo(s)}
                aria-current={active ? 'step' : undefined}
                px={10}
                py={6}
                style={{
                  borderRadius: 'var(--mantine-radius-xl)',
                  border: '1px solid var(--mantine-color-blue-8)',
                  background: active ? 'var(--mantine-color-blue-8)' : 'var(--mantine-color-white)',
                  color: active ? 'var(--mantine-color-white)' : 'var(--mantine-color-blue-9)',
                  fontWeight: 600,
                  fontSize: 'var(--mantine-font-size-sm)',
                }}
              >
                {i < current ? <IconCheck size={14} aria-hidden style={{ verticalAlign: 'middle', marginInlineEnd: 4 }} /> : null}
                {i + 1}. {t(`health.steps.${s}`)}
              </UnstyledButton>
            </li>
          );
        })}
      </Box>
    </nav>
  );
}

function Wizard({ profile, clinical }: { profile: Volunteer; clinical: Clinical | null }) {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const requested = params.get('step');
  const step: ProfileStep = isStep(requested) ? requested : 'about';
  const index = PROFILE_STEPS.indexOf(step);
  const last = index === PROFILE_STEPS.length - 1;
  const [base, setBase] = useState(clinical?.profile ?? null);
  const [warnings, setWarnings] = useState<FieldNote[]>(clinical?.warnings ?? []);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const methods = useForm<ProfileForm>({
    // The schema checks values; the form's own types are narrower.
    resolver: zodResolver(profileFormSchema) as unknown as Resolver<ProfileForm>,
    defaultValues: toForm(clinical?.profile),
    shouldFocusError: false,
  });
  const {
    formState: { errors, isDirty },
  } = methods;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const mounted = useRef(false);
  const dirtyRef = useRef(isDirty);
  const bypassBlock = useRef(false);
  useEffect(() => {
    dirtyRef.current = isDirty;
  }, [isDirty]);

  const { setActive, setGuard } = useActiveProfile();
  const [pendingSwitch, setPendingSwitch] = useState<string | null>(null);
  // Switching to another person's profile would drop unsaved answers: ask first.
  useEffect(() => {
    setGuard((id) => {
      if (!dirtyRef.current || id === profile.id) return true;
      setPendingSwitch(id);
      return false;
    });
    return () => setGuard(null);
  }, [setGuard, profile.id]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !bypassBlock.current && dirtyRef.current && currentLocation.pathname !== nextLocation.pathname,
  );

  // Moving between steps puts focus on the step's heading (or on the field an
  // error link names), so a screen reader announces where the person is.
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const id = pendingFocus.current;
    pendingFocus.current = null;
    if (id) {
      requestAnimationFrame(() => focusField(id));
    } else {
      headingRef.current?.focus();
      headingRef.current?.scrollIntoView({ block: 'start' });
    }
  }, [step]);

  const goTo = (next: ProfileStep, focusId?: string) => {
    if (next === step) {
      if (focusId) focusField(focusId);
      return;
    }
    pendingFocus.current = focusId ?? null;
    setParams({ step: next });
  };

  const save = useMutation({
    mutationFn: (values: ProfileForm) => volunteerApi.saveClinical(profile.id, toProfile(values, base)),
  });

  const person = profile.given_name;
  const dependent = profile.relationship !== 'self';

  const openSummary = () => {
    setSummaryOpen(true);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onValid = async (values: ProfileForm) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync(values);
      setBase(saved.profile);
      setWarnings(saved.warnings);
      setSummaryOpen(false);
      methods.reset(toForm(saved.profile));
      queryClient.setQueryData(keys.clinical(profile.id), saved);
      await queryClient.invalidateQueries({ queryKey: keys.volunteers });
      await queryClient.invalidateQueries({ queryKey: keys.matches(profile.id) });
      setSavedAt(new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(new Date()));
      if (last) {
        bypassBlock.current = true;
        await navigate('/volunteer/matches');
      } else {
        const next = PROFILE_STEPS[index + 1];
        if (next) goTo(next);
      }
    } catch (error) {
      const problems = fieldProblems(error);
      if (problems.length === 0) {
        setFormError(problemText(tShell, error, i18n.language));
        return;
      }
      for (const problem of problems) {
        methods.setError(formPath(problem.field) as keyof ProfileForm, {
          type: 'server',
          message: fieldProblemText(t, problem),
        });
      }
      openSummary();
    }
  };

  const items = summaryOpen ? summaryItems(errors, (m) => schemaText(t, m) ?? m) : [];
  const stepTitle = t(`health.steps.${step}`);

  return (
    <FormProvider {...methods}>
      <form onSubmit={(e) => void methods.handleSubmit(onValid, openSummary)(e)} noValidate>
        <Stack gap="lg">
          <StepNav step={step} onGo={(s) => goTo(s)} />

          {summaryOpen && items.length > 0 && (
            <Alert
              ref={summaryRef}
              tabIndex={-1}
              color="red"
              icon={<IconAlertCircle aria-hidden />}
              title={t('health.errorSummary')}
              data-testid="error-summary"
              aria-labelledby="error-summary-title"
              styles={{ title: { fontSize: 'var(--mantine-font-size-md)' } }}
            >
              <Text size="sm" id="error-summary-title" mb={6}>
                {t('health.errorSummaryIntro')}
              </Text>
              <List size="sm" spacing={4}>
                {items.map((item) => (
                  <List.Item key={item.path}>
                    <Anchor
                      href={`#${fieldId(item.path)}`}
                      size="sm"
                      c="red.9"
                      fw={600}
                      onClick={(e) => {
                        e.preventDefault();
                        goTo(item.step, fieldId(item.path));
                      }}
                    >
                      {t('health.errorItem', { step: t(`health.steps.${item.step}`), field: fieldLabel(t, item.path) })}
                    </Anchor>
                    {': '}
                    {item.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {formError && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}
          {warnings.length > 0 && (
            <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} title={t('health.warningsTitle')} data-testid="warnings">
              <List size="sm" spacing={4}>
                {warnings.map((w) => {
                  const path = formPath(w.field);
                  const warnStep = stepOf(path);
                  return (
                    <List.Item key={`${w.field}-${w.code}`}>
                      {w.code === 'scale_for_age' ? t('health.warnings.scale_for_age') : w.message}{' '}
                      <Anchor c="blue.9"
                        href={`#${fieldId(path)}`}
                        size="sm"
                        fw={600}
                        onClick={(e) => {
                          e.preventDefault();
                          goTo(warnStep, fieldId(path));
                        }}
                      >
                        {t('health.goToStep', { step: t(`health.steps.${warnStep}`) })}
                      </Anchor>
                    </List.Item>
                  );
                })}
              </List>
            </Alert>
          )}

          <Paper withBorder radius="md" p={{ base: 'sm', xs: 'md', sm: 'lg' }} component="section" aria-labelledby="step-heading">
            <Stack gap="lg">
              <Stack gap={4}>
                <Text size="sm" c="dimmed">
                  {t('health.stepOf', { n: index + 1, total: PROFILE_STEPS.length })}
                </Text>
                <Title order={2} id="step-heading" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
                  {stepTitle}
                </Title>
                <Text>{t(`health.stepIntro.${step}`)}</Text>
                <Text size="sm" c="teal.9" fw={600} role="status" data-testid="saved-status">
                  {savedAt ? t('health.saved', { time: savedAt }) : ''}
                </Text>
              </Stack>
              {step === 'about' && <AboutStep person={person} />}
              {step === 'diagnosis' && <DiagnosisStep person={person} />}
              {step === 'treatments' && <TreatmentsStep person={person} />}
              {step === 'transplants' && <TransplantsStep person={person} />}
              {step === 'performance' && <PerformanceStep person={person} dependent={dependent} />}
              {step === 'more' && <MoreStep person={person} />}
            </Stack>
          </Paper>

          <Group justify="space-between" gap="sm">
            {index > 0 ? (
              <Button {...wrapLabel}
                variant="default"
                leftSection={<IconArrowLeft size={18} aria-hidden />}
                onClick={() => {
                  const prev = PROFILE_STEPS[index - 1];
                  if (prev) goTo(prev);
                }}
              >
                {t('health.back')}
              </Button>
            ) : (
              <span />
            )}
            <Button {...wrapLabel} type="submit" loading={save.isPending}>
              {last ? t('health.saveLast') : t('health.saveNext')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('health.saveNote')}
          </Text>
        </Stack>
      </form>
      <ConfirmModal
        opened={blocker.state === 'blocked' || pendingSwitch !== null}
        onClose={() => {
          blocker.reset?.();
          setPendingSwitch(null);
        }}
        title={t('health.leaveTitle')}
        confirmLabel={t('health.leave')}
        onConfirm={() => {
          if (pendingSwitch) {
            const id = pendingSwitch;
            setPendingSwitch(null);
            setActive(id, { force: true });
          } else {
            blocker.proceed?.();
          }
        }}
        danger
      >
        <Text>{t('health.leaveBody')}</Text>
      </ConfirmModal>
    </FormProvider>
  );
}

export default function HealthPage() {
  const { t } = useTranslation('volunteer');
  const { active, isLoading, error } = useActiveProfile();
  const clinical = useClinical(active?.id);
  return (
    <PageShell
      title={active ? t('health.titleFor', { name: active.given_name }) : t('health.title')}
      intro={t('health.intro')}
      aside={active ? <ProfileSwitcher /> : undefined}
    >
      <QueryState isLoading={isLoading || clinical.isLoading} error={error ?? clinical.error} onRetry={() => void clinical.refetch()} />
      {!isLoading && !error && !active && <NoProfile />}
      {active && clinical.data !== undefined && <Wizard key={active.id} profile={active} clinical={clinical.data} />}
    </PageShell>
  );
}
