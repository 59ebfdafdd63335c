import { notifications, type NotificationData } from '@mantine/notifications';
import type { TFunction } from 'i18next';

/** A toast whose close button is named in the reader's language (Mantine
 * leaves it unnamed). */
export function notify(t: TFunction, data: NotificationData): void {
  notifications.show({
    autoClose: 6000,
    ...data,
    closeButtonProps: { 'aria-label': t('common.close'), ...data.closeButtonProps },
  });
}
