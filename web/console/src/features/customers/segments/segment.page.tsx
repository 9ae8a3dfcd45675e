import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Users } from 'lucide-react';
import { useCallback, useMemo, useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { DataTable, type Column } from '@/kit/data-table';
import { ConfirmDialog } from '@/kit/Dialog';
import { FormError, TextAreaField, TextField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { customerKeys, customersApi, type Customer, type Segment, type SegmentInput } from '../customers.api';
import { customersMessages } from '../customers.messages';
import { MaskedValue } from '../MaskedValue';
import { useRestrictedFields } from '../useRestricted';
import { RuleEditor } from './RuleEditor';
import { fromRule, missingValues, toRule } from './rule-tree';
import '../customers.css';

const route = getRouteApi('/console/customers/segments/$segmentId');

export function SegmentPage() {
  const { segmentId } = route.useParams();
  const m = useMessages(customersMessages);
  const isNew = segmentId === 'new';
  const segment = useQuery({
    queryKey: customerKeys.segment(segmentId),
    queryFn: ({ signal }) => customersApi.segment(segmentId, signal),
    enabled: !isNew,
  });
  if (isNew) return <SegmentEditor segment={undefined} />;
  if (segment.isPending)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.segments.title} title={m.segments.editorTitle} />
        <LoadingBlock />
      </div>
    );
  if (segment.isError)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.segments.title} title={m.segments.editorTitle} />
        <ErrorState error={segment.error} onRetry={() => void segment.refetch()} />
      </div>
    );
  return <SegmentEditor key={`${segment.data.id}-${segment.data.version}`} segment={segment.data} />;
}

type Field = 'name' | 'description' | 'rules';

function SegmentEditor({ segment }: { segment: Segment | undefined }) {
  const m = useMessages(customersMessages);
  const s = m.segments;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('customers:write');
  const form = useForm(['name', 'description', 'rules'] as const);
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [root, setRoot] = useState(() => fromRule(segment?.rules));
  const [confirmDelete, setConfirmDelete] = useState(false);

  const save = useMutation({
    mutationFn: (input: SegmentInput) =>
      segment ? customersApi.updateSegment(segment.id, input) : customersApi.createSegment(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.segment(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: customerKeys.segments });
      void queryClient.invalidateQueries({ queryKey: customerKeys.members(saved.id) });
      toast.success(segment ? s.saved : s.created);
      if (!segment) void navigate({ to: '/customers/segments/$segmentId', params: { segmentId: saved.id } });
    },
    onError: (error) => form.refuse(error),
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<Field> = {};
    if (!name.trim()) problems.name = s.nameMissing;
    if (missingValues(root) > 0) problems.rules = s.valueMissing;
    if (!form.check({ name, description }, problems)) return;
    save.mutate({ name: name.trim(), description: description.trim() || null, rules: toRule(root) });
  };

  return (
    <div className="stack">
      <PageHeader
        eyebrow={s.title}
        title={segment ? segment.name : s.newTitle}
        actions={
          segment && canWrite ? (
            <Button variant="danger-ghost" onClick={() => setConfirmDelete(true)}>
              {s.delete}
            </Button>
          ) : undefined
        }
      />
      <Panel>
        <form id={form.id} className="form" onSubmit={submit} noValidate>
          <FormError message={form.formError} />
          <TextField
            label={s.name}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              form.clear('name');
            }}
            error={form.errors.name}
            maxLength={120}
            disabled={!canWrite}
          />
          <TextAreaField
            label={s.descriptionField}
            optional
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={form.errors.description}
            maxLength={500}
            disabled={!canWrite}
          />
          <RuleEditor
            root={root}
            onChange={(next) => {
              setRoot(next);
              form.clear('rules');
            }}
            error={form.errors.rules}
          />
          {canWrite ? (
            <div>
              <Button type="submit" variant="primary" busy={save.isPending}>
                {segment ? s.save : s.create}
              </Button>
            </div>
          ) : null}
        </form>
      </Panel>
      {segment ? <Members segmentId={segment.id} /> : null}
      {segment ? (
        <ConfirmDialog
          open={confirmDelete}
          onOpenChange={setConfirmDelete}
          title={s.deleteTitle(segment.name)}
          description={s.deleteText}
          confirmLabel={s.delete}
          onConfirm={async () => {
            await customersApi.deleteSegment(segment.id);
            void queryClient.invalidateQueries({ queryKey: customerKeys.segments });
            toast.success(s.deleted);
            void navigate({ to: '/customers/segments' });
          }}
        />
      ) : null}
    </div>
  );
}

function Members({ segmentId }: { segmentId: string }) {
  const m = useMessages(customersMessages);
  const s = m.segments;
  const restricted = useRestrictedFields();
  const members = useInfiniteQuery({
    queryKey: customerKeys.members(segmentId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      customersApi.members(segmentId, { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => members.data?.pages.flatMap((p) => p.items) ?? [], [members.data]);
  const { fetchNextPage } = members;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const columns: readonly Column<Customer>[] = [
    {
      id: 'name',
      label: m.list.columns.name,
      hideable: false,
      cell: (c) => (
        <Link to="/customers/$customerId" params={{ customerId: c.id }}>
          <MaskedValue
            field="name"
            value={c.name}
            restricted={restricted.includes('name')}
            revealable={false}
          />
        </Link>
      ),
    },
    {
      id: 'email',
      label: m.list.columns.email,
      cell: (c) => (
        <MaskedValue
          field="email"
          value={c.email}
          restricted={restricted.includes('email')}
          revealable={false}
        />
      ),
    },
  ];
  return (
    <Panel title={s.members} labelledBy="segment-members" flush>
      <DataTable
        caption={s.membersCaption}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        query={members}
        loadingLabel={s.membersLoading}
        errorTitle={s.membersFailed}
        paging={{
          hasMore: members.hasNextPage,
          loadingMore: members.isFetchingNextPage,
          onLoadMore: loadMore,
        }}
        empty={<EmptyState icon={<Users />} title={s.membersEmpty} />}
      />
    </Panel>
  );
}
