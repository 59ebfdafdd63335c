import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconCheck, IconPlus, IconUserPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notify } from '../components/notify';
import { problemText } from '../components/problems';
import { addSite, addSiteStaff, trialKeys } from './api';
import { countryName, countryOptions } from './shared/countries';
import { messageText, placeServerErrors } from './shared/forms';
import { label } from './shared/labels';
import { STAFF_ROLES, type Site, type Trial } from './types';

const optionalNumber = z.number().nullable();

const siteSchema = z
  .object({
    name: z.string().trim().min(1, 'common.required').max(300, 'problems.too_long'),
    city: z.string().trim().max(200, 'problems.too_long'),
    country: z.string().regex(/^[A-Z]{2}$/, 'common.required'),
    latitude: optionalNumber.refine((v) => v === null || (v >= -90 && v <= 90), 'problems.out_of_range'),
    longitude: optionalNumber.refine((v) => v === null || (v >= -180 && v <= 180), 'problems.out_of_range'),
    target_enrollment: optionalNumber.refine((v) => v === null || v >= 0, 'problems.out_of_range'),
  })
  .refine((v) => (v.latitude === null) === (v.longitude === null), {
    path: ['longitude'],
    message: 'common.required',
  });
type SiteValues = z.infer<typeof siteSchema>;

function NumberField({
  value,
  onChange,
  ...props
}: {
  value: number | null;
  onChange: (value: number | null) => void;
  label: string;
  error?: string;
  decimalScale?: number;
  allowNegative?: boolean;
  min?: number;
  max?: number;
  description?: string;
}) {
  return (
    <NumberInput
      value={value ?? ''}
      onChange={(v) => onChange(typeof v === 'number' ? v : v === '' || v === '-' ? null : Number(v))}
      allowDecimal={props.decimalScale !== undefined}
      {...props}
    />
  );
}

function AddSiteForm({ trial, onDone }: { trial: Trial; onDone: () => void }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SiteValues>({
    resolver: zodResolver(siteSchema),
    defaultValues: { name: '', city: '', country: '', latitude: null, longitude: null, target_enrollment: null },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await addSite(trial.id, {
        name: values.name.trim(),
        city: values.city.trim(),
        country: values.country,
        latitude: values.latitude,
        longitude: values.longitude,
        target_enrollment: values.target_enrollment,
      });
      await queryClient.invalidateQueries({ queryKey: trialKeys.one(trial.id) });
      notify(tc, { color: 'teal', icon: <IconCheck size={18} aria-hidden />, message: t('sites.added') });
      onDone();
    } catch (error) {
      if (placeServerErrors(error, setError, ['name', 'city', 'country', 'latitude', 'longitude', 'target_enrollment'], t)) return;
      setFormError(problemText(tc, error, i18n.language));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {formError}
          </Alert>
        )}
        <TextInput label={t('sites.name')} required data-autofocus {...register('name')} error={messageText(t, errors.name?.message)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('sites.city')} {...register('city')} error={messageText(t, errors.city?.message)} />
          <NativeSelect
            label={t('sites.country')}
            required
            data={[{ value: '', label: t('common.countryPlaceholder') }, ...countryOptions(i18n.language)]}
            {...register('country')}
            error={messageText(t, errors.country?.message)}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('sites.coordinatesHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Controller
            control={control}
            name="latitude"
            render={({ field }) => (
              <NumberField
                label={t('sites.latitude')}
                value={field.value}
                onChange={field.onChange}
                decimalScale={6}
                allowNegative
                min={-90}
                max={90}
                error={messageText(t, errors.latitude?.message)}
              />
            )}
          />
          <Controller
            control={control}
            name="longitude"
            render={({ field }) => (
              <NumberField
                label={t('sites.longitude')}
                value={field.value}
                onChange={field.onChange}
                decimalScale={6}
                allowNegative
                min={-180}
                max={180}
                error={messageText(t, errors.longitude?.message)}
              />
            )}
          />
          <Controller
            control={control}
            name="target_enrollment"
            render={({ field }) => (
              <NumberField
                label={t('sites.target')}
                value={field.value}
                onChange={field.onChange}
                min={0}
                error={messageText(t, errors.target_enrollment?.message)}
              />
            )}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('sites.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const staffSchema = z.object({
  email: z.string().trim().email('problems.invalid'),
  role: z.enum(STAFF_ROLES),
});
type StaffValues = z.infer<typeof staffSchema>;

function AddStaffForm({ trial, site, onDone }: { trial: Trial; site: Site; onDone: () => void }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<StaffValues>({ resolver: zodResolver(staffSchema), defaultValues: { email: '', role: 'principal_investigator' } });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const member = await addSiteStaff(trial.id, site.id, { email: values.email.trim(), role: values.role });
      await queryClient.invalidateQueries({ queryKey: trialKeys.one(trial.id) });
      notify(tc, {
        color: 'teal',
        icon: <IconCheck size={18} aria-hidden />,
        message: t('sites.staffAdded', { name: member.display_name }),
      });
      onDone();
    } catch (error) {
      if (placeServerErrors(error, setError, ['email', 'role'], t, 'sites')) return;
      setFormError(problemText(tc, error, i18n.language));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {formError}
          </Alert>
        )}
        <TextInput
          label={t('sites.staffEmail')}
          type="email"
          required
          data-autofocus
          {...register('email')}
          error={messageText(t, errors.email?.message)}
        />
        <NativeSelect
          label={t('sites.staffRole')}
          data={STAFF_ROLES.map((r) => ({ value: r, label: label(t, 'staffRoles', r) }))}
          {...register('role')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('sites.addStaff')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SitesSection({ trial }: { trial: Trial }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [staffFor, setStaffFor] = useState<Site | null>(null);
  const closeLabel = { 'aria-label': tc('common.close') };

  return (
    <Stack gap="md" component="section" aria-labelledby="sites-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} id="sites-title">
            {t('sites.title')}
          </Title>
          <Text size="sm">{t('sites.intro')}</Text>
        </Stack>
        {trial.can_edit && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setAdding(true)}>
            {t('sites.add')}
          </Button>
        )}
      </Group>
      {trial.sites.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text>{t('sites.empty')}</Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped>
              <VisuallyHidden component="caption">{t('sites.caption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('sites.colName')}</Table.Th>
                  <Table.Th scope="col">{t('sites.colPlace')}</Table.Th>
                  <Table.Th scope="col">{t('sites.colCoordinates')}</Table.Th>
                  <Table.Th scope="col">{t('sites.colTarget')}</Table.Th>
                  <Table.Th scope="col">{t('sites.colStaff')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trial.sites.map((site) => (
                  <Table.Tr key={site.id} data-site={site.name}>
                    <Table.Th scope="row" fw={600}>
                      {site.name}
                    </Table.Th>
                    <Table.Td>
                      {[site.city, countryName(site.country, i18n.language)].filter(Boolean).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      {site.latitude !== null && site.longitude !== null
                        ? `${site.latitude.toFixed(4)}, ${site.longitude.toFixed(4)}`
                        : t('sites.noCoordinates')}
                    </Table.Td>
                    <Table.Td>{site.target_enrollment ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        {site.staff && site.staff.length > 0 ? (
                          <List size="sm" spacing={2} listStyleType="none" m={0} p={0}>
                            {site.staff.map((member) => (
                              <List.Item key={member.user_id}>
                                {member.display_name}{' '}
                                <Text span size="xs" c="dimmed">
                                  ({label(t, 'staffRoles', member.role)})
                                </Text>
                              </List.Item>
                            ))}
                          </List>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('sites.noStaff')}
                          </Text>
                        )}
                        {trial.can_edit && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            leftSection={<IconUserPlus size={14} aria-hidden />}
                            onClick={() => setStaffFor(site)}
                            aria-label={t('sites.addStaffTo', { site: site.name })}
                          >
                            {t('sites.addStaff')}
                          </Button>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('sites.addTitle')} size="lg" closeButtonProps={closeLabel}>
        <AddSiteForm trial={trial} onDone={() => setAdding(false)} />
      </Modal>
      <Modal
        opened={staffFor !== null}
        onClose={() => setStaffFor(null)}
        title={staffFor ? t('sites.addStaffTo', { site: staffFor.name }) : ''}
        closeButtonProps={closeLabel}
      >
        {staffFor && <AddStaffForm trial={trial} site={staffFor} onDone={() => setStaffFor(null)} />}
      </Modal>
    </Stack>
  );
}
