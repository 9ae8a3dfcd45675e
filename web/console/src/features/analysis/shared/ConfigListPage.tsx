import type { UseQueryResult } from '@tanstack/react-query';
import { ClipboardCheck, Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Schema } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';

export type ConfigSummary = Schema<'AnalysisConfigSummary'>;

export interface ConfigListWords {
  readonly eyebrow: string;
  readonly title: string;
  readonly description: string;
  readonly caption: string;
  readonly loading: string;
  readonly loadFailed: string;
  readonly empty: string;
  readonly emptyHint: string;
  readonly columns: { name: string; active: string; latest: string; updated: string };
  readonly noneActive: string;
  readonly version: (n: number) => string;
}

/** The list page of one kind of analysis configuration: name, active and latest version, updated. */
export function ConfigListPage({
  words: m,
  query,
  link,
  onOpen,
  create,
}: {
  words: ConfigListWords;
  query: UseQueryResult<{ items: ConfigSummary[] }>;
  link: (config: ConfigSummary) => ReactNode;
  onOpen: (config: ConfigSummary) => void;
  /** The "new" action, for roles that may create one. */
  create?: { label: string; onClick: () => void } | undefined;
}) {
  const action = create ? (
    <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={create.onClick}>
      {create.label}
    </Button>
  ) : undefined;
  const columns: Column<ConfigSummary>[] = [
    { id: 'name', label: m.columns.name, hideable: false, cell: link },
    {
      id: 'active',
      label: m.columns.active,
      width: '160px',
      cell: (config) =>
        config.activeVersion === null ? (
          <Badge tone="warning">{m.noneActive}</Badge>
        ) : (
          <Badge tone="success">{m.version(config.activeVersion)}</Badge>
        ),
    },
    {
      id: 'latest',
      label: m.columns.latest,
      width: '140px',
      cell: (config) => m.version(config.latestVersion),
    },
    {
      id: 'updated',
      label: m.columns.updated,
      width: '176px',
      cell: (config) => <TimeCell value={config.updatedAt} />,
    },
  ];
  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} actions={action} />
      <Panel flush>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={query.data?.items ?? []}
          rowKey={(config) => config.id}
          onOpen={onOpen}
          query={query}
          loadingLabel={m.loading}
          errorTitle={m.loadFailed}
          empty={
            <EmptyState icon={<ClipboardCheck />} title={m.empty} action={action}>
              {m.emptyHint}
            </EmptyState>
          }
        />
      </Panel>
    </div>
  );
}
