// Calls of the admin portal's audit viewer and development mailbox.

import { api, type Page } from '../api';
import { fetchFile } from '../sponsor/shared/download';
import type { AuditEvent, AuditFilter, Mail } from '../sponsor/types';

export function listAuditEvents(
  filter: AuditFilter,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<AuditEvent>> {
  return api.request<Page<AuditEvent>>('GET', '/admin/audit-events', {
    query: { ...filter, cursor, limit: 50 },
    signal,
  });
}

/** The filtered audit trail as CSV (oldest first), fetched with the bearer token. */
export function exportAuditCsv(filter: AuditFilter): Promise<Blob> {
  return fetchFile('/admin/audit-events.csv', { ...filter });
}

export function listMail(signal?: AbortSignal): Promise<Page<Mail>> {
  return api.request<Page<Mail>>('GET', '/admin/mailbox', { query: { limit: 100 }, signal });
}
