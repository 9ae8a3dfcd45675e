import { ChevronDown, Download, FileJson, FileSpreadsheet, FileText } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { messageOf } from '@/api/problem';
import { Button } from '@/kit/Button';
import { downloadFromApi } from '@/kit/download';
import { toast } from '@/kit/toast';
import { toQueryString, type CallsSearch } from '../calls.search';

const formats = [
  {
    format: 'vcon',
    label: 'vCon',
    detail: 'one vCon per line (JSON Lines)',
    extension: 'vcon.jsonl',
    icon: FileJson,
  },
  { format: 'csv', label: 'CSV', detail: 'for spreadsheets', extension: 'csv', icon: FileSpreadsheet },
  {
    format: 'jsonl',
    label: 'JSON Lines',
    detail: 'one CallRecord v1 per line',
    extension: 'jsonl',
    icon: FileText,
  },
] as const;

/** Downloads every call matching the current filters (not only the loaded rows). The export is audited. */
export function ExportMenu({ search }: { search: CallsSearch }) {
  const [busy, setBusy] = useState<string>();
  const download = async (format: (typeof formats)[number]) => {
    setBusy(format.label);
    try {
      await downloadFromApi(
        `/api/v1/calls/export?${toQueryString(search, { format: format.format })}`,
        `calls.${format.extension}`,
      );
    } catch (error) {
      toast.error('The export failed', messageOf(error));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button
          icon={<Download aria-hidden="true" />}
          busy={busy !== undefined}
          aria-label={busy ? `Exporting ${busy}…` : 'Export'}
        >
          Export
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="menu__label">Every call matching the filters</DropdownMenu.Label>
          {formats.map((format) => (
            <DropdownMenu.Item
              key={format.format}
              className="menu__item"
              onSelect={() => void download(format)}
            >
              <format.icon aria-hidden="true" />
              <span>
                {format.label} <span className="subtle">· {format.detail}</span>
              </span>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
