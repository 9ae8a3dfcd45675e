import { Download } from 'lucide-react';
import { useState } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { downloadFromApi } from '@/kit/download';
import { toast } from '@/kit/toast';
import { qualityMessages } from './quality.messages';

/** Downloads one table as CSV (the server defuses formulas and audits tables that name agents). */
export function CsvButton({ path, table, title }: { path: string; table: string; title: string }) {
  const m = useMessages(qualityMessages);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFromApi(path, `${table}.csv`);
    } catch (error) {
      toast.error(m.downloadFailed, messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="secondary"
      icon={<Download aria-hidden="true" />}
      busy={busy}
      aria-label={m.downloadCsv(title)}
      onClick={() => void download()}
    >
      {m.csv}
    </Button>
  );
}
