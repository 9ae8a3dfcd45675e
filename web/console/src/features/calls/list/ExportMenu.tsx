import { Link } from '@tanstack/react-router';
import { ChevronDown, Download, FileJson, FileSpreadsheet, FileText, ListChecks } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { toast } from '@/kit/toast';
import { filterKeys, type CallsSearch } from '../calls.search';
import {
  fetchExport,
  isActive,
  startExport,
  useExportEvents,
  type ExportFormat,
  type ExportJob,
} from '../exports/export-jobs';
import { exportsMessages } from '../exports/exports.messages';

const formats = [
  { format: 'vcon', label: 'vCon', icon: FileJson },
  { format: 'csv', label: 'CSV', icon: FileSpreadsheet },
  { format: 'jsonl', label: 'JSON Lines', icon: FileText },
] as const satisfies readonly { format: ExportFormat; label: string; icon: unknown }[];

/** While a job runs and the live feed is quiet (or unavailable), look again this often. */
const pollMs = 3_000;

/**
 * Exports every call matching the current filters (not only the loaded rows) as a background job:
 * its progress (calls, bytes) shows beside the button and a notification says when the file is
 * ready; the Exports page lists it with its download link. Starting and downloading are audited.
 */
export function ExportMenu({ search }: { search: CallsSearch }) {
  const t = useMessages(exportsMessages);
  const [starting, setStarting] = useState<string>();
  const [job, setJob] = useState<ExportJob>();
  const active = job !== undefined && isActive(job);

  // The outcome is told once, when the job is seen to have stopped running.
  const told = useRef<string>(undefined);
  const settle = (next: ExportJob) => {
    setJob(next);
    if (isActive(next) || told.current === next.id) return;
    told.current = next.id;
    if (next.status === 'succeeded') toast.success(t.toast.ready, t.toast.readyDetail(next.rows, next.bytes));
    else if (next.status === 'failed') toast.error(t.toast.failed, next.error ?? undefined);
  };
  const refresh = (id: string) =>
    void fetchExport(id)
      .then(settle)
      .catch(() => undefined);
  useExportEvents(() => {
    if (job) refresh(job.id);
  }, active);
  const latestRefresh = useRef(refresh);
  useEffect(() => {
    latestRefresh.current = refresh;
  });
  useEffect(() => {
    if (!job || !isActive(job)) return;
    const timer = setTimeout(() => latestRefresh.current(job.id), pollMs);
    return () => clearTimeout(timer);
  }, [job]);

  const start = async (format: (typeof formats)[number]) => {
    setStarting(format.label);
    try {
      const filters = Object.fromEntries(
        filterKeys.flatMap((key) => (search[key] === undefined ? [] : [[key, search[key]]])),
      );
      settle(await startExport(filters, format.format));
      toast.info(t.toast.started, t.toast.startedDetail);
    } catch (error) {
      toast.error(t.toast.startFailed, messageOf(error));
    } finally {
      setStarting(undefined);
    }
  };

  return (
    <div className="export-menu">
      {active ? (
        <span className="subtle export-menu__progress" role="status">
          {job.status === 'queued' ? t.progress.queued : t.progress.running(job.rows, job.bytes)}
        </span>
      ) : null}
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <Button
            icon={<Download aria-hidden="true" />}
            busy={starting !== undefined}
            aria-label={starting ? t.menu.busy(starting) : t.menu.button}
          >
            {t.menu.button}
            <ChevronDown aria-hidden="true" />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
            <DropdownMenu.Label className="menu__label">{t.menu.heading}</DropdownMenu.Label>
            {formats.map((format) => (
              <DropdownMenu.Item
                key={format.format}
                className="menu__item"
                onSelect={() => void start(format)}
              >
                <format.icon aria-hidden="true" />
                <span>
                  {format.label} <span className="subtle">· {t.menu[format.format]}</span>
                </span>
              </DropdownMenu.Item>
            ))}
            <DropdownMenu.Separator className="menu__separator" />
            <DropdownMenu.Item className="menu__item" asChild>
              <Link to="/calls/exports">
                <ListChecks aria-hidden="true" />
                <span>{t.menu.allExports}</span>
              </Link>
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </div>
  );
}
