import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { ConfirmDialog } from '@/kit/Dialog';
import { SelectField } from '@/kit/Field';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { labelIn } from '@/kit/labels';
import {
  channels,
  notificationKeys,
  notificationsApi,
  type NotificationTemplate,
} from '../notifications.api';
import { notificationsMessages } from '../notifications.messages';
import { TemplateEditor } from './TemplateEditor';
import '../notifications.css';

/** Per-tenant templates by type, channel and language; edit, add, delete (notifications:configure). */
export function TemplatesPage() {
  const m = useMessages(notificationsMessages);
  const t = m.templates;
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: notificationKeys.templates,
    queryFn: ({ signal }) => notificationsApi.templates(signal),
  });
  const [filter, setFilter] = useState({ type: '', channel: '', language: '' });
  const [editing, setEditing] = useState<NotificationTemplate | 'new'>();
  const [deleting, setDeleting] = useState<NotificationTemplate>();
  const all = useMemo(() => templates.data ?? [], [templates.data]);
  const rows = all
    .filter(
      (x) =>
        (!filter.type || x.type === filter.type) &&
        (!filter.channel || x.channel === filter.channel) &&
        (!filter.language || x.language === filter.language),
    )
    .sort(
      (a, b) =>
        a.type.localeCompare(b.type) ||
        a.channel.localeCompare(b.channel) ||
        a.language.localeCompare(b.language),
    );
  const typeName = (type: string) => labelIn(m.types, type) ?? type;
  const columns: readonly Column<NotificationTemplate>[] = [
    { id: 'type', label: t.type, hideable: false, cell: (x) => typeName(x.type) },
    { id: 'channel', label: t.channel, width: '140px', cell: (x) => m.channels[x.channel] },
    {
      id: 'language',
      label: t.language,
      width: '100px',
      cell: (x) => <span className="mono">{x.language}</span>,
    },
    { id: 'subject', label: t.subject, cell: (x) => x.subject || '—' },
    { id: 'updated', label: t.updated, width: '170px', cell: (x) => <TimeCell value={x.updatedAt} /> },
    {
      id: 'actions',
      label: '',
      hideable: false,
      width: '150px',
      cell: (x) => (
        <div className="cluster">
          <Button
            size="sm"
            aria-label={t.editLabel(typeName(x.type), m.channels[x.channel], x.language)}
            onClick={() => setEditing(x)}
          >
            {t.edit}
          </Button>
          <IconButton label={t.delete} onClick={() => setDeleting(x)}>
            <Trash2 aria-hidden="true" />
          </IconButton>
        </div>
      ),
    },
  ];
  const distinct = (pick: (x: NotificationTemplate) => string) => [...new Set(all.map(pick))].sort();
  const reload = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.templates });

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={t.title}
        description={t.description}
        actions={
          <Button variant="primary" onClick={() => setEditing('new')}>
            {t.new}
          </Button>
        }
      />
      <Panel flush>
        <div className="templates-filters">
          <SelectField
            label={t.type}
            value={filter.type}
            onChange={(e) => setFilter({ ...filter, type: e.target.value })}
          >
            <option value="">{t.any}</option>
            {distinct((x) => x.type).map((type) => (
              <option key={type} value={type}>
                {typeName(type)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t.channel}
            value={filter.channel}
            onChange={(e) => setFilter({ ...filter, channel: e.target.value })}
          >
            <option value="">{t.any}</option>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {m.channels[channel]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t.language}
            value={filter.language}
            onChange={(e) => setFilter({ ...filter, language: e.target.value })}
          >
            <option value="">{t.any}</option>
            {distinct((x) => x.language).map((language) => (
              <option key={language} value={language}>
                {language}
              </option>
            ))}
          </SelectField>
        </div>
        <DataTable
          caption={t.caption}
          columns={columns}
          rows={rows}
          rowKey={(x) => x.id}
          query={templates}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          empty={
            <EmptyState icon={<FileText />} title={t.empty}>
              {t.emptyText}
            </EmptyState>
          }
        />
      </Panel>
      {editing ? (
        <TemplateEditor
          template={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            toast.success(t.saved);
            setEditing(undefined);
            reload();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => (open ? undefined : setDeleting(undefined))}
        title={t.deleteTitle}
        description={t.deleteText}
        confirmLabel={t.delete}
        onConfirm={async () => {
          if (deleting) await notificationsApi.deleteTemplate(deleting.id);
          toast.success(t.deleted);
          reload();
        }}
      />
    </div>
  );
}
