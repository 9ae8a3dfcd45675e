import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { FormError, SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { conversationSettingsMessages } from './conversation-settings.messages';
import '../recordings.css';

type Settings = Schema<'ConversationSettings'>;
type ProviderKind = Settings['providerKinds'][number];
type Redaction = Settings['audioRedaction'];
/** A provider as the form edits it: the loaded configuration (advanced options kept as they are) with text fields. */
type Draft = Record<string, unknown> & { provider: ProviderKind };

const SECRET_PREFIX = 'transcription.';

/** The fields the page shows per provider; everything else of a configuration is kept as loaded. */
const FIELDS: Record<ProviderKind, readonly string[]> = {
  local: ['pricePerMinuteUsd'],
  openai: ['baseUrl', 'model', 'auth', 'apiKeySecret', 'pricePerMinuteUsd'],
  deepgram: ['baseUrl', 'model', 'apiKeySecret', 'pricePerMinuteUsd'],
  'aws-transcribe': [
    'region',
    'mediaBucket',
    'accessKeyIdSecret',
    'secretAccessKeySecret',
    'sessionTokenSecret',
    'pricePerMinuteUsd',
  ],
  assemblyai: ['baseUrl', 'apiKeySecret', 'pricePerMinuteUsd'],
};
const OPTIONAL_SECRETS = new Set(['sessionTokenSecret']);
const isSecret = (field: string) => field.endsWith('Secret');

/** What the server gets: text fields as it takes them (empty optional ones as null, prices as numbers). */
function toBody(draft: Draft): Draft {
  const out: Draft = { ...draft };
  for (const field of FIELDS[draft.provider]) {
    const value = draft[field];
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (field === 'pricePerMinuteUsd') out[field] = trimmed === '' ? null : Number(trimmed);
    else if (
      trimmed === '' &&
      (OPTIONAL_SECRETS.has(field) || (draft.provider === 'openai' && field === 'apiKeySecret'))
    )
      out[field] = null;
    else if (trimmed === '')
      out[field] = undefined; // not sent: the server's default applies
    else out[field] = trimmed;
  }
  return out;
}

const textOf = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

function SettingsForm({ settings, canWrite }: { settings: Settings; canWrite: boolean }) {
  const m = useMessages(conversationSettingsMessages);
  const queryClient = useQueryClient();
  const secretsListId = useId();
  const [providers, setProviders] = useState<Draft[]>(() =>
    settings.transcription.providers.map((provider) => ({ ...provider })),
  );
  const [useDefault, setUseDefault] = useState(!settings.transcriptionConfigured);
  const [language, setLanguage] = useState(settings.defaultLanguage ?? '');
  const [redaction, setRedaction] = useState<Redaction>(settings.audioRedaction);
  const [padding, setPadding] = useState(String(settings.audioPaddingMs));
  const [adding, setAdding] = useState<ProviderKind | ''>('');

  const providerFields = providers.flatMap((draft, i) =>
    ['provider', ...FIELDS[draft.provider]].map((field) => `transcription.providers.${i}.${field}`),
  );
  // Specific fields first: a problem with `transcription.providers.1.baseUrl` lands on that field.
  const form = useForm([
    ...providerFields,
    'defaultLanguage',
    'audioRedaction',
    'audioPaddingMs',
    'transcription',
  ]);

  const secrets = useQuery({
    queryKey: ['secrets'],
    queryFn: () => unwrap(api.GET('/api/v1/secrets')),
    enabled: canWrite,
  });
  const secretNames = (secrets.data?.items ?? [])
    .map((secret) => secret.name)
    .filter((name) => name.startsWith(SECRET_PREFIX));
  const status = useQuery({
    queryKey: ['conversation-settings', 'transcription-status'],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/settings/transcription-status')),
  });

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/conversations/settings', {
          body: {
            defaultLanguage: language.trim() === '' ? null : language.trim(),
            audioRedaction: redaction,
            audioPaddingMs: Number(padding),
            transcription: useDefault
              ? null
              : ({ providers: providers.map(toBody) } as unknown as Schema<'TranscriptionSettingsInput'>),
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['conversation-settings'], saved);
      void queryClient.invalidateQueries({ queryKey: ['conversation-settings', 'transcription-status'] });
      toast.success(m.saved);
    },
    onError: form.refuse,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const paddingValue = Number(padding);
    const problems = {
      audioPaddingMs:
        padding.trim() === '' || !Number.isInteger(paddingValue) || paddingValue < 0 || paddingValue > 5000
          ? m.paddingInvalid
          : undefined,
      transcription: !useDefault && providers.length === 0 ? m.noProviders : undefined,
    };
    if (form.check({ defaultLanguage: language.trim() }, problems)) save.mutate();
  };

  const update = (index: number, field: string, value: string) => {
    setProviders((current) =>
      current.map((draft, i) => (i === index ? { ...draft, [field]: value } : draft)),
    );
    form.clear(`transcription.providers.${index}.${field}`);
  };
  const move = (index: number, by: -1 | 1) =>
    setProviders((current) => {
      const next = [...current];
      const [taken] = next.splice(index, 1);
      if (taken) next.splice(index + by, 0, taken);
      return next;
    });
  const configured = new Set(providers.map((draft) => draft.provider));
  const addable = settings.providerKinds.filter((kind) => !configured.has(kind));
  const statusOf = (kind: ProviderKind) => status.data?.items.find((item) => item.provider === kind);

  const fieldLabel = (field: string): string =>
    ({
      baseUrl: m.baseUrl,
      model: m.model,
      region: m.region,
      mediaBucket: m.mediaBucket,
      apiKeySecret: m.apiKeySecret,
      accessKeyIdSecret: m.accessKeyIdSecret,
      secretAccessKeySecret: m.secretAccessKeySecret,
      sessionTokenSecret: m.sessionTokenSecret,
      pricePerMinuteUsd: m.price,
    })[field] ?? field;

  return (
    <form id={form.id} onSubmit={submit} noValidate className="stack">
      {!canWrite ? <Alert tone="info">{m.readOnly}</Alert> : null}
      <FormError message={form.formError} />
      <datalist id={secretsListId}>
        {secretNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Panel
        title={m.transcription}
        description={m.transcriptionDescription}
        labelledBy="transcription-heading"
      >
        <div className="form">
          <TextField
            label={m.defaultLanguage}
            hint={m.defaultLanguageHint}
            optional
            value={language}
            onChange={(e) => {
              setLanguage(e.target.value);
              form.clear('defaultLanguage');
            }}
            error={form.errors.defaultLanguage}
            maxLength={35}
            readOnly={!canWrite}
            autoComplete="off"
          />
          {useDefault ? <Alert tone="info">{m.defaultsInUse}</Alert> : null}
          {form.errors.transcription ? <Alert tone="danger">{form.errors.transcription}</Alert> : null}
          <ol className="provider-list">
            {providers.map((draft, index) => {
              const state = statusOf(draft.provider);
              const prefix = `transcription.providers.${index}`;
              return (
                <li key={draft.provider} className="provider-list__item">
                  <div className="provider-list__header">
                    <h3>
                      {m.position(index + 1)} {m.providerNames[draft.provider]}
                    </h3>
                    {state && !useDefault ? (
                      <Badge tone={state.available ? 'success' : 'warning'} dot>
                        {state.available ? m.available : m.unavailable}
                      </Badge>
                    ) : null}
                    {canWrite ? (
                      <div className="provider-list__actions">
                        <Button
                          aria-label={`${m.moveUp}: ${m.providerNames[draft.provider]}`}
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                        >
                          <ArrowUp size={16} aria-hidden="true" />
                        </Button>
                        <Button
                          aria-label={`${m.moveDown}: ${m.providerNames[draft.provider]}`}
                          disabled={index === providers.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          <ArrowDown size={16} aria-hidden="true" />
                        </Button>
                        <Button
                          aria-label={`${m.remove}: ${m.providerNames[draft.provider]}`}
                          onClick={() => {
                            setProviders((current) => current.filter((_, i) => i !== index));
                            setUseDefault(false);
                          }}
                        >
                          <Trash2 size={16} aria-hidden="true" />
                        </Button>
                      </div>
                    ) : null}
                  </div>
                  {state && !state.available && !useDefault && state.reason ? (
                    <p className="hint">{state.reason}</p>
                  ) : null}
                  {form.errors[`${prefix}.provider`] ? (
                    <Alert tone="danger">{form.errors[`${prefix}.provider`]}</Alert>
                  ) : null}
                  {FIELDS[draft.provider].map((field) =>
                    field === 'auth' ? (
                      <SelectField
                        key={field}
                        label={m.auth}
                        value={textOf(draft.auth ?? 'bearer')}
                        onChange={(e) => update(index, field, e.target.value)}
                        error={form.errors[`${prefix}.${field}`]}
                        disabled={!canWrite}
                      >
                        <option value="bearer">{m.authBearer}</option>
                        <option value="api-key">{m.authApiKey}</option>
                      </SelectField>
                    ) : (
                      <TextField
                        key={field}
                        label={fieldLabel(field)}
                        hint={
                          isSecret(field)
                            ? `${m.secretHint}${OPTIONAL_SECRETS.has(field) || draft.provider === 'openai' ? ` ${m.secretOptionalHint}` : ''}`
                            : field === 'pricePerMinuteUsd'
                              ? m.priceHint
                              : field === 'baseUrl' && draft.provider === 'openai'
                                ? m.baseUrlHint
                                : undefined
                        }
                        optional={
                          field === 'pricePerMinuteUsd' ||
                          OPTIONAL_SECRETS.has(field) ||
                          (draft.provider === 'openai' && field === 'apiKeySecret')
                        }
                        value={textOf(draft[field])}
                        onChange={(e) => update(index, field, e.target.value)}
                        error={form.errors[`${prefix}.${field}`]}
                        list={isSecret(field) ? secretsListId : undefined}
                        inputMode={field === 'pricePerMinuteUsd' ? 'decimal' : undefined}
                        readOnly={!canWrite}
                        autoComplete="off"
                        spellCheck={false}
                      />
                    ),
                  )}
                </li>
              );
            })}
          </ol>
          {canWrite ? (
            <div className="provider-list__add">
              {addable.length > 0 ? (
                <>
                  <SelectField
                    label={m.addProvider}
                    value={adding}
                    onChange={(e) => setAdding(e.target.value as ProviderKind | '')}
                  >
                    <option value="" />
                    {addable.map((kind) => (
                      <option key={kind} value={kind}>
                        {m.providerNames[kind]}
                      </option>
                    ))}
                  </SelectField>
                  <Button
                    disabled={adding === ''}
                    onClick={() => {
                      if (adding === '') return;
                      setProviders((current) => [...current, { provider: adding }]);
                      setUseDefault(false);
                      setAdding('');
                      form.clear('transcription');
                    }}
                  >
                    {m.add}
                  </Button>
                </>
              ) : null}
              {!useDefault ? (
                <Button
                  onClick={() => {
                    setUseDefault(true);
                    setProviders([{ provider: 'local', pricePerMinuteUsd: 0 }]);
                    form.reset();
                  }}
                >
                  {m.useDefault}
                </Button>
              ) : null}
            </div>
          ) : null}
        </div>
      </Panel>
      <Panel
        title={m.redaction}
        description={m.redactionDescription}
        labelledBy="redaction-heading"
        footer={
          canWrite ? (
            <Button type="submit" variant="primary" busy={save.isPending}>
              {m.save}
            </Button>
          ) : undefined
        }
      >
        <div className="form">
          <SelectField
            label={m.audioRedaction}
            value={redaction}
            onChange={(e) => {
              setRedaction(e.target.value as Redaction);
              form.clear('audioRedaction');
            }}
            error={form.errors.audioRedaction}
            disabled={!canWrite}
          >
            <option value="both">{m.both}</option>
            <option value="redacted_only">{m.redactedOnly}</option>
            <option value="keep_original">{m.keepOriginal}</option>
          </SelectField>
          <TextField
            label={m.padding}
            hint={m.paddingHint}
            value={padding}
            inputMode="numeric"
            onChange={(e) => {
              setPadding(e.target.value);
              form.clear('audioPaddingMs');
            }}
            error={form.errors.audioPaddingMs}
            readOnly={!canWrite}
          />
        </div>
      </Panel>
    </form>
  );
}

export function ConversationSettingsPage() {
  const m = useMessages(conversationSettingsMessages);
  const canWrite = useCan('settings:write');
  const settings = useQuery({
    queryKey: ['conversation-settings'],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/settings')),
  });
  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} />
      {settings.isPending ? (
        <Panel>
          <LoadingBlock label={m.loading} lines={6} />
        </Panel>
      ) : settings.isError ? (
        <Panel>
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} title={m.loadFailed} />
        </Panel>
      ) : (
        <SettingsForm
          key={settings.data.updatedAt ?? 'defaults'}
          settings={settings.data}
          canWrite={canWrite}
        />
      )}
    </div>
  );
}
