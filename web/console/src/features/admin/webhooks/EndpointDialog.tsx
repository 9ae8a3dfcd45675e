import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { WebhookEndpoint } from '@/api/types';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { Choice, ChoiceGroup, FormError, SwitchField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { webhooksMessages } from './webhooks.messages';

export const endpointsKey = ['webhooks', 'endpoints'] as const;

type Field = 'url' | 'description' | 'eventTypes';
const fields: readonly Field[] = ['url', 'description', 'eventTypes'];

/** The signing secret, shown once after an endpoint is added or given a new secret. */
export function SecretReveal({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const m = useMessages(webhooksMessages).secret;
  return (
    <Modal open onOpenChange={(open) => !open && onDone()} title={m.title} description={m.description(url)}>
      <ModalBody>
        <div className="key-reveal">
          <div className="secret-reveal">
            <code data-testid="webhook-secret" aria-label={m.label}>
              {secret}
            </code>
            <CopyButton text={secret} label={m.copy} />
          </div>
          <Alert tone="warning" icon={<TriangleAlert aria-hidden="true" />} title={m.notStored}>
            {m.notStoredDetail}
          </Alert>
        </div>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onDone}>
          {m.done}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** Adds an endpoint (then shows its secret once), or changes one; the server's refusals go on their fields. */
export function EndpointDialog({
  endpoint,
  onClose,
}: {
  /** The endpoint to change; none to add one. */
  endpoint?: WebhookEndpoint | undefined;
  onClose: () => void;
}) {
  const m = useMessages(webhooksMessages).form;
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [eventTypes, setEventTypes] = useState<string[]>(endpoint ? [...endpoint.eventTypes] : []);
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const form = useForm(
    fields,
    endpoint ? 'PATCH /api/v1/webhooks/endpoints/{endpointId}' : 'POST /api/v1/webhooks/endpoints',
  );
  const offered = useQuery({
    queryKey: ['webhooks', 'event-types'],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/event-types')),
    staleTime: 5 * 60_000,
  });
  const body = () => ({ url: url.trim(), description: description.trim(), eventTypes, enabled });
  // The secret of an endpoint just added: shown once, then forgotten with this dialog.
  const [created, setCreated] = useState<{ url: string; secret: string }>();
  const save = useMutation({
    mutationFn: async () => {
      if (endpoint) {
        await unwrap(
          api.PATCH('/api/v1/webhooks/endpoints/{endpointId}', {
            params: { path: { endpointId: endpoint.id } },
            body: body(),
          }),
        );
        return undefined;
      }
      const added = await unwrap(api.POST('/api/v1/webhooks/endpoints', { body: body() }));
      return { url: added.url, secret: added.secret };
    },
    onSuccess: (added) => {
      void queryClient.invalidateQueries({ queryKey: endpointsKey });
      if (added) return setCreated(added);
      toast.success(m.saved, url.trim());
      onClose();
    },
    onError: form.refuse,
  });

  if (created) return <SecretReveal url={created.url} secret={created.secret} onDone={onClose} />;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const valid = form.check(
      { url: url.trim(), description: description.trim(), eventTypes },
      {
        url: url.trim() ? undefined : m.urlMissing,
        eventTypes: eventTypes.length ? undefined : m.eventsMissing,
      },
    );
    if (valid) save.mutate();
  };
  const toggle = (type: string, on: boolean) => {
    setEventTypes((current) => (on ? [...current, type] : current.filter((t) => t !== type)));
    form.clear('eventTypes');
  };
  // An endpoint may hold a type no module offers any more: it stays listed, so it can be taken off.
  const choices = [
    ...(offered.data?.items ?? []),
    ...eventTypes
      .filter((type) => !offered.data?.items.some((o) => o.type === type))
      .map((type) => ({ type, description: '' })),
  ];

  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={endpoint ? m.editTitle : m.addTitle}
      description={m.description}
      wide
    >
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <TextField
              label={m.url}
              hint={m.urlHint}
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => {
                setUrl(e.target.value);
                form.clear('url');
              }}
              error={form.errors.url}
              limits={form.limit('url')}
              autoFocus
            />
            <TextField
              label={m.note}
              placeholder={m.notePlaceholder}
              optional
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
                form.clear('description');
              }}
              error={form.errors.description}
              limits={form.limit('description')}
            />
            <ChoiceGroup legend={m.events} hint={m.eventsHint} error={form.errors.eventTypes} columns={false}>
              {offered.isPending ? (
                <LoadingBlock label={m.eventsLoading} lines={2} />
              ) : (
                <div className="choice-grid">
                  {choices.map((choice) => (
                    <Choice
                      key={choice.type}
                      name="eventTypes"
                      value={choice.type}
                      checked={eventTypes.includes(choice.type)}
                      onChange={(e) => toggle(choice.type, e.target.checked)}
                      title={choice.type}
                      description={choice.description}
                    />
                  ))}
                </div>
              )}
            </ChoiceGroup>
            <SwitchField label={m.sending} checked={enabled} onCheckedChange={setEnabled} />
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {endpoint ? m.save : m.add}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
