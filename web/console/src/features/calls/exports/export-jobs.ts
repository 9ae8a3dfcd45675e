import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';
import { useEventStream } from '@/kit/event-stream';

export type ExportJob = Schema<'CallExportJob'>;
export type ExportFormat = ExportJob['format'];

export const exportJobsKey = ['calls', 'exports'] as const;

/** Queues a background export of the calls matching `filters` (the call list's query, as GET /calls takes it). */
export function startExport(filters: Record<string, unknown>, format: ExportFormat): Promise<ExportJob> {
  return unwrap(api.POST('/api/v1/calls/exports', { body: { ...filters, format } }));
}

export function fetchExport(id: string): Promise<ExportJob> {
  return unwrap(api.GET('/api/v1/calls/exports/{exportId}', { params: { path: { exportId: id } } }));
}

export function cancelExport(id: string): Promise<ExportJob> {
  return unwrap(api.POST('/api/v1/calls/exports/{exportId}/cancel', { params: { path: { exportId: id } } }));
}

/**
 * Downloads the file through the short-lived signed link the API hands out (the request is
 * audited). The browser fetches the file itself: it never passes through the page's memory.
 */
export async function downloadExport(job: ExportJob): Promise<void> {
  const link = await unwrap(
    api.POST('/api/v1/calls/exports/{exportId}/download', { params: { path: { exportId: job.id } } }),
  );
  const anchor = document.createElement('a');
  anchor.href = link.url;
  anchor.download = job.fileName;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

export const isActive = (job: ExportJob) => job.status === 'queued' || job.status === 'running';

/** Calls `onChange` whenever an export of the organisation was queued, progressed or finished (the live feed's `exports` events). */
export function useExportEvents(onChange: () => void, enabled = true): void {
  useEventStream(
    '/api/v1/calls/live',
    {
      onEvent: (event) => {
        if (event.event === 'exports') onChange();
      },
      onOpen: (reconnected) => {
        if (reconnected) onChange();
      },
    },
    enabled,
  );
}

/** Keeps the cached export list fresh from the live feed. */
export function useLiveExportList(enabled = true): void {
  const client = useQueryClient();
  useExportEvents(() => void client.invalidateQueries({ queryKey: exportJobsKey }), enabled);
}
