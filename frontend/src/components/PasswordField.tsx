import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Mantine's PasswordInput does not tie its error and description to the
 * input for screen readers; this wrapper does, and labels the show/hide
 * button in the reader's language. */
export function PasswordField({ error, description, id, ...props }: PasswordInputProps) {
  const { t } = useTranslation();
  const generated = useId();
  const inputId = id ?? `password-${generated.replace(/:/g, '')}`;
  const describedBy =
    [description ? `${inputId}-description` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <PasswordInput
      id={inputId}
      error={error}
      description={description}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
      {...props}
    />
  );
}
