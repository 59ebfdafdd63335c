import {
  Checkbox,
  Code,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConditionPicker } from '../shared/ConditionPicker';
import { countryOptions } from '../shared/countries';
import { label, type StaffT } from '../shared/labels';
import {
  AGE_UNITS,
  ANTIGEN_REQUIREMENTS,
  ANTIGENS,
  CNS_STATUSES,
  DISEASE_STATUSES,
  MATCH_MODES,
  PH_STATUSES,
  RELAPSE_SITES,
  SEXES,
  THERAPY_CATEGORIES,
  THERAPY_TARGETS,
  TRANSPLANT_TYPES,
  type DraftCriterion,
} from './model';

export interface KindFieldsProps {
  draft: DraftCriterion;
  set: (name: string, value: unknown) => void;
  /** The error text for a field (and its sub-fields), if any. */
  err: (name: string) => string | undefined;
}

function num(value: string | number): number | undefined {
  if (typeof value === 'number') return value;
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function asNumber(value: unknown): number | '' {
  return typeof value === 'number' ? value : '';
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function options(t: StaffT, group: 'values' | 'categories' | 'targets', values: readonly string[]) {
  return values.map((v) => ({ value: v, label: label(t, group, v) }));
}

function CountField({
  draft,
  set,
  err,
  name,
  labelText,
  min = 0,
  max,
  description,
}: KindFieldsProps & { name: string; labelText: string; min?: number; max?: number; description?: string }) {
  return (
    <NumberInput
      size="sm"
      label={labelText}
      description={description}
      value={asNumber(draft.fields[name])}
      onChange={(v) => set(name, num(v))}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      error={err(name)}
    />
  );
}

function EnumChecks({
  draft,
  set,
  err,
  name,
  labelText,
  values,
}: KindFieldsProps & { name: string; labelText: string; values: readonly string[] }) {
  const { t } = useTranslation('staff');
  return (
    <Checkbox.Group label={labelText} value={asStrings(draft.fields[name])} onChange={(v) => set(name, v)} error={err(name)}>
      <Group gap="md" mt={6}>
        {values.map((v) => (
          <Checkbox key={v} size="sm" value={v} label={label(t, 'values', v)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

function AgeFields(props: KindFieldsProps) {
  const { t } = useTranslation('staff');
  const { draft, set, err } = props;
  const bound = (name: 'min' | 'max') =>
    (draft.fields[name] as { value?: number; unit?: string } | undefined) ?? { unit: 'years' };
  const units = AGE_UNITS.map((u) => ({ value: u, label: label(t, 'values', u) }));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
      {(['min', 'max'] as const).map((name) => {
        const b = bound(name);
        return (
          <Group key={name} gap="xs" wrap="nowrap" align="flex-end">
            <NumberInput
              size="sm"
              style={{ flex: 1 }}
              label={name === 'min' ? t('fields.minAge') : t('fields.maxAge')}
              placeholder={t('fields.openBound')}
              value={asNumber(b.value)}
              onChange={(v) => set(name, { ...b, value: num(v) })}
              min={0}
              max={150}
              allowDecimal={false}
              allowNegative={false}
              error={err(name)}
            />
            <NativeSelect
              size="sm"
              w={110}
              aria-label={name === 'min' ? t('fields.minUnit') : t('fields.maxUnit')}
              data={units}
              value={b.unit ?? 'years'}
              onChange={(e) => set(name, { ...b, unit: e.currentTarget.value })}
              mb={err(name) ? 22 : 0}
            />
          </Group>
        );
      })}
    </SimpleGrid>
  );
}

function ConditionFields(props: KindFieldsProps) {
  const { t } = useTranslation('staff');
  const { draft, set, err } = props;
  const antigens = (draft.fields.antigens as Record<string, string> | undefined) ?? {};
  return (
    <Stack gap="sm">
      <ConditionPicker
        label={t('fields.conditions')}
        value={asStrings(draft.fields.any_of)}
        onChange={(codes) => set('any_of', codes)}
        error={err('any_of')}
        testId={`conditions-${draft.id}`}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} component="p" m={0}>
          {t('fields.antigens')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
          {ANTIGENS.map((antigen) => (
            <NativeSelect
              key={antigen}
              size="sm"
              label={t('fields.antigenStatus', { antigen })}
              value={antigens[antigen] ?? ''}
              onChange={(e) => set('antigens', { ...antigens, [antigen]: e.currentTarget.value || undefined })}
              data={[
                { value: '', label: t('fields.antigenAny') },
                ...ANTIGEN_REQUIREMENTS.map((s) => ({ value: s, label: label(t, 'values', s) })),
              ]}
              error={err(`antigens.${antigen}`)}
            />
          ))}
        </SimpleGrid>
        {err('antigens') && !ANTIGENS.some((a) => err(`antigens.${a}`)) && (
          <Text size="sm" c="red.9">
            {err('antigens')}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

function TherapyItems(props: KindFieldsProps & { withTargets: boolean }) {
  const { t } = useTranslation('staff');
  const { draft, set, err, withTargets } = props;
  return (
    <Stack gap="sm">
      <MultiSelect
        size="sm"
        label={t('fields.categories')}
        data={options(t, 'categories', THERAPY_CATEGORIES)}
        value={asStrings(draft.fields.categories)}
        onChange={(v) => set('categories', v)}
        error={err('categories')}
        searchable
        clearable
      />
      {withTargets && (
        <MultiSelect
          size="sm"
          label={t('fields.targets')}
          data={options(t, 'targets', THERAPY_TARGETS)}
          value={asStrings(draft.fields.targets)}
          onChange={(v) => set('targets', v)}
          error={err('targets')}
          clearable
        />
      )}
      <NativeSelect
        size="sm"
        label={t('fields.match')}
        data={MATCH_MODES.map((m) => ({ value: m, label: label(t, 'values', m) }))}
        value={asString(draft.fields.match) || 'any'}
        onChange={(e) => set('match', e.currentTarget.value)}
        error={err('match')}
        maw={260}
      />
    </Stack>
  );
}

function PerformanceFields(props: KindFieldsProps) {
  const { t } = useTranslation('staff');
  const { draft, set, err } = props;
  const none = { value: '', label: t('fields.noThreshold') };
  const tens = Array.from({ length: 11 }, (_, i) => String(i * 10));
  const select = (name: string, text: string, values: string[]) => (
    <NativeSelect
      size="sm"
      label={text}
      data={[none, ...values.map((v) => ({ value: v, label: v }))]}
      value={typeof draft.fields[name] === 'number' ? String(draft.fields[name]) : ''}
      onChange={(e) => set(name, e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
      error={err(name)}
    />
  );
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        {select('ecog_max', t('fields.ecogMax'), ['0', '1', '2', '3', '4', '5'])}
        {select('karnofsky_min', t('fields.karnofskyMin'), tens)}
        {select('lansky_min', t('fields.lanskyMin'), tens)}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('fields.performanceHint')}
      </Text>
    </Stack>
  );
}

function LocationFields(props: KindFieldsProps) {
  const { t, i18n } = useTranslation('staff');
  const { draft, set, err } = props;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <MultiSelect
        size="sm"
        label={t('fields.countries')}
        data={countryOptions(i18n.resolvedLanguage ?? 'en')}
        value={asStrings(draft.fields.countries)}
        onChange={(v) => set('countries', v)}
        error={err('countries')}
        searchable
        clearable
      />
      <CountField {...props} name="max_distance_km" labelText={t('fields.maxDistance')} max={20040} />
    </SimpleGrid>
  );
}

function RefractoryFields(props: KindFieldsProps) {
  const { t } = useTranslation('staff');
  const { draft, set, err } = props;
  const mode = draft.fields.to === 'last_line' ? 'last_line' : 'categories';
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('fields.refractoryTo')}
        value={mode}
        onChange={(v) => {
          if (v === 'last_line') {
            set('to', 'last_line');
          } else {
            set('to', undefined);
          }
        }}
        error={err('to')}
      >
        <Group gap="md" mt={6}>
          <Radio size="sm" value="last_line" label={t('fields.refractoryLastLine')} />
          <Radio size="sm" value="categories" label={t('fields.refractoryCategories')} />
        </Group>
      </Radio.Group>
      {mode === 'categories' && <TherapyItems {...props} withTargets={false} />}
    </Stack>
  );
}

function TransplantFields(props: KindFieldsProps) {
  const { t } = useTranslation('staff');
  const { draft, set, err } = props;
  return (
    <Stack gap="sm">
      <NativeSelect
        size="sm"
        label={t('fields.transplantType')}
        data={TRANSPLANT_TYPES.map((v) => ({ value: v, label: label(t, 'values', v) }))}
        value={asString(draft.fields.type) || 'allogeneic'}
        onChange={(e) => set('type', e.currentTarget.value)}
        error={err('type')}
        maw={320}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <CountField {...props} name="within_months" labelText={t('fields.withinMonths')} min={1} />
        <CountField {...props} name="min_months_since" labelText={t('fields.minMonthsSince')} />
        <CountField {...props} name="relapse_within_months" labelText={t('fields.relapseWithinMonths')} min={1} />
      </SimpleGrid>
      <Checkbox
        size="sm"
        label={t('fields.relapseAfter')}
        checked={draft.fields.relapse_after === true}
        onChange={(e) => set('relapse_after', e.currentTarget.checked)}
        error={err('relapse_after')}
      />
    </Stack>
  );
}

/** The inputs of one criterion's kind-specific fields. */
export function KindFields(props: KindFieldsProps) {
  const { t } = useTranslation('staff');
  const { draft, set, err } = props;
  switch (draft.kind) {
    case 'age':
    case 'age_at_diagnosis':
      return <AgeFields {...props} />;
    case 'sex':
      return <EnumChecks {...props} name="any_of" labelText={t('fields.sexes')} values={SEXES} />;
    case 'condition':
      return <ConditionFields {...props} />;
    case 'disease_status':
      return <EnumChecks {...props} name="any_of" labelText={t('fields.statuses')} values={DISEASE_STATUSES} />;
    case 'cns_involvement':
      return <EnumChecks {...props} name="any_of" labelText={t('fields.cnsStatuses')} values={CNS_STATUSES} />;
    case 'philadelphia':
      return <EnumChecks {...props} name="any_of" labelText={t('fields.phStatuses')} values={PH_STATUSES} />;
    case 'relapse_count':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <CountField {...props} name="min" labelText={t('fields.relapseMin')} />
          <CountField {...props} name="max" labelText={t('fields.relapseMax')} />
          <NativeSelect
            size="sm"
            label={t('fields.relapseSite')}
            data={[
              { value: '', label: t('fields.anySite') },
              ...RELAPSE_SITES.map((s) => ({ value: s, label: label(t, 'values', s) })),
            ]}
            value={asString(draft.fields.site)}
            onChange={(e) => set('site', e.currentTarget.value || undefined)}
            error={err('site')}
          />
        </SimpleGrid>
      );
    case 'prior_lines':
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <CountField {...props} name="min" labelText={t('fields.linesMin')} />
          <CountField {...props} name="max" labelText={t('fields.linesMax')} />
        </SimpleGrid>
      );
    case 'prior_therapy':
      return <TherapyItems {...props} withTargets />;
    case 'transplant':
      return <TransplantFields {...props} />;
    case 'performance':
      return <PerformanceFields {...props} />;
    case 'location':
      return <LocationFields {...props} />;
    case 'refractory':
      return <RefractoryFields {...props} />;
    case 'transplant_eligibility':
      return (
        <Radio.Group
          label={t('fields.eligible')}
          value={draft.fields.eligible === true ? 'yes' : draft.fields.eligible === false ? 'no' : ''}
          onChange={(v) => set('eligible', v === 'yes')}
          error={err('eligible')}
        >
          <Group gap="md" mt={6}>
            <Radio size="sm" value="yes" label={t('common.yes')} />
            <Radio size="sm" value="no" label={t('common.no')} />
          </Group>
        </Radio.Group>
      );
    case 'remission_duration':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <CountField {...props} name="line" labelText={t('fields.line')} min={1} />
          <CountField {...props} name="max_months" labelText={t('fields.maxMonths')} min={1} />
          <CountField {...props} name="min_months" labelText={t('fields.minMonths')} />
        </SimpleGrid>
      );
    case 'manual':
      return (
        <Textarea
          description={t('kindHelp.manual')}
          size="sm"
          label={t('fields.manualText')}
          value={asString(draft.fields.text)}
          onChange={(e) => set('text', e.currentTarget.value)}
          error={err('text')}
          autosize
          minRows={2}
          maxLength={2000}
        />
      );
    case 'active_gvhd':
    case 'healthy_volunteers':
    case 'isolated_extramedullary_relapse':
    case 'any_of':
    case 'all_of':
      return (
        <Text size="sm" c="dimmed">
          {label(t, 'kindHelp', draft.kind)}
        </Text>
      );
    default:
      return (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('kindHelp.unknownKind')}
          </Text>
          <Code block>{JSON.stringify(draft.fields, null, 2)}</Code>
        </Stack>
      );
  }
}
