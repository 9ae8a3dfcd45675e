import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Plus, X } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { formattingLocale, useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button, IconButton } from '@/kit/Button';
import {
  Choice,
  ChoiceGroup,
  FormError,
  OptionsField,
  SelectField,
  SwitchField,
  TextAreaField,
  TextField,
} from '@/kit/Field';
import { formatNumber, formatRatio } from '@/kit/format';
import { useForm, type FieldErrors } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { campaignKeys } from '../CampaignActions';
import {
  attemptOutcomes,
  campaignDefaults,
  campaignsApi,
  consentChannels,
  leadListsApi,
  telephonyAdapters,
  type Campaign,
} from '../campaigns.api';
import { campaignsMessages } from '../campaigns.messages';
import { builderMessages } from './builder.messages';
import {
  builderFields,
  emptyForm,
  formOf,
  inputOf,
  mixShares,
  priorityRange,
  type BuilderField,
  type CampaignForm,
  type FormProblem,
} from './campaign-form';

const editRoute = getRouteApi('/console/campaigns/$campaignId/edit');

/** Monday first, as calling weeks are planned; the values are the API's (0 = Sunday). */
const weekdays = [1, 2, 3, 4, 5, 6, 0];

function weekdayName(day: number): string {
  // 2023-01-01 was a Sunday.
  return new Intl.DateTimeFormat(formattingLocale(), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + day)),
  );
}

export function NewCampaignPage() {
  return <CampaignBuilder campaign={undefined} />;
}

export function EditCampaignPage() {
  const { campaignId } = editRoute.useParams();
  const m = useMessages(builderMessages);
  const query = useQuery({
    queryKey: campaignKeys.one(campaignId),
    queryFn: ({ signal }) => campaignsApi.get(campaignId, signal),
  });
  if (query.isPending)
    return (
      <div className="stack">
        <PageHeader title={m.editTitle('…')} />
        <LoadingBlock label={m.loading} />
      </div>
    );
  if (query.isError)
    return (
      <div className="stack">
        <PageHeader title={m.editTitle('…')} />
        <ErrorState title={m.loadError} error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  return <CampaignBuilder campaign={query.data} />;
}

/** The campaign builder: a page (not a dialog), because a campaign has many settings worth reading together. */
export function CampaignBuilder({ campaign }: { campaign: Campaign | undefined }) {
  const m = useMessages(builderMessages);
  const c = useMessages(campaignsMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CampaignForm>(() => (campaign ? formOf(campaign) : emptyForm()));
  const form = useForm<BuilderField>(builderFields);
  const lists = useQuery({
    queryKey: ['campaigns', 'lead-lists'],
    queryFn: ({ signal }) => leadListsApi.list(signal),
  });
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof inputOf>['input']) =>
      campaign ? campaignsApi.update(campaign.id, input) : campaignsApi.create(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(campaignKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list });
      toast.success(campaign ? m.saved : m.created);
      void navigate({ to: '/campaigns/$campaignId', params: { campaignId: saved.id } });
    },
    onError: (error) => form.refuse(error),
  });

  const set = <K extends keyof CampaignForm>(key: K, value: CampaignForm[K], field?: BuilderField) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (field) form.clear(field);
  };

  const problemText = (problem: FormProblem): string =>
    typeof problem === 'string' ? m[problem] : m.regionInvalid(problem.regionInvalid);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const { input, problems } = inputOf(values);
    const shown: FieldErrors<BuilderField> = {};
    for (const [field, problem] of Object.entries(problems) as [BuilderField, FormProblem][])
      shown[field] = problemText(problem);
    if (!form.check({}, shown)) return;
    save.mutate(input);
  };

  const e = form.errors;
  const available = lists.data?.lists ?? [];
  const shares = mixShares(values.lists);
  const unused = available.filter((l) => !values.lists.some((v) => v.listId === l.id));
  const regions = values.regions;
  const addRegion = (code: string) => {
    const present = regions.split(/[\s,;]+/).map((r) => r.trim().toUpperCase());
    if (!present.includes(code))
      set('regions', regions.trim() ? `${regions.trim()}, ${code}` : code, 'settings.allowedRegions');
  };
  const adapterField = values.adapter;

  return (
    <div className="stack">
      <PageHeader
        eyebrow={c.eyebrow}
        title={campaign ? m.editTitle(campaign.name) : m.newTitle}
        description={m.description}
      />
      <form id={form.id} className="stack" onSubmit={submit} noValidate>
        <FormError message={form.formError} />

        <Panel title={m.basics} labelledBy="builder-basics">
          <div className="stack">
            <TextField
              label={m.name}
              value={values.name}
              error={e.name}
              maxLength={200}
              onChange={(ev) => set('name', ev.target.value, 'name')}
            />
            <TextAreaField
              label={m.descriptionLabel}
              optional
              value={values.description}
              error={e.description}
              maxLength={2000}
              onChange={(ev) => set('description', ev.target.value, 'description')}
            />
            <ChoiceGroup legend={m.lists} hint={m.listsHint} error={e.lists} columns={false}>
              {available.length === 0 && lists.isSuccess ? <p className="subtle">{m.noLists}</p> : null}
              {values.lists.map((entry, index) => {
                const list = available.find((l) => l.id === entry.listId);
                const name = list?.name ?? entry.listId;
                return (
                  <div className="form-row" key={entry.listId || `new-${index}`}>
                    <SelectField
                      label={m.list}
                      value={entry.listId}
                      onChange={(ev) =>
                        set(
                          'lists',
                          values.lists.map((l, i) => (i === index ? { ...l, listId: ev.target.value } : l)),
                          'lists',
                        )
                      }
                    >
                      <option value="">{m.pickList}</option>
                      {available
                        .filter((l) => l.id === entry.listId || !values.lists.some((v) => v.listId === l.id))
                        .map((l) => (
                          <option key={l.id} value={l.id}>
                            {l.name} ({m.leads(formatNumber(l.leadCount))})
                          </option>
                        ))}
                    </SelectField>
                    <TextField
                      label={m.weight}
                      type="number"
                      min={1}
                      max={100}
                      inputMode="numeric"
                      value={entry.weight}
                      hint={m.share(formatRatio(shares[index]))}
                      onChange={(ev) =>
                        set(
                          'lists',
                          values.lists.map((l, i) => (i === index ? { ...l, weight: ev.target.value } : l)),
                          'lists',
                        )
                      }
                    />
                    <IconButton
                      label={m.removeList(name)}
                      onClick={() =>
                        set(
                          'lists',
                          values.lists.filter((_, i) => i !== index),
                          'lists',
                        )
                      }
                    >
                      <X aria-hidden="true" />
                    </IconButton>
                  </div>
                );
              })}
              {unused.length > 0 ? (
                <div>
                  <Button
                    size="sm"
                    icon={<Plus aria-hidden="true" />}
                    onClick={() =>
                      set('lists', [...values.lists, { listId: unused[0]?.id ?? '', weight: '1' }], 'lists')
                    }
                  >
                    {m.addList}
                  </Button>
                </div>
              ) : null}
            </ChoiceGroup>
          </div>
        </Panel>

        <Panel title={m.schedule} labelledBy="builder-schedule">
          <div className="stack">
            <div className="form-row">
              <TextField
                label={m.startsAt}
                hint={m.startsAtHint}
                optional
                type="datetime-local"
                value={values.startsAt}
                error={e.startsAt}
                onChange={(ev) => set('startsAt', ev.target.value, 'startsAt')}
              />
              <TextField
                label={m.endsAt}
                hint={m.endsAtHint}
                optional
                type="datetime-local"
                value={values.endsAt}
                error={e.endsAt}
                onChange={(ev) => set('endsAt', ev.target.value, 'endsAt')}
              />
            </div>
            <TextField
              label={m.priority}
              hint={m.priorityHint}
              type="number"
              min={priorityRange.min}
              max={priorityRange.max}
              step={1}
              value={values.priority}
              error={e.priority}
              onChange={(ev) => set('priority', ev.target.value, 'priority')}
            />
          </div>
        </Panel>

        <Panel title={m.where} labelledBy="builder-where">
          <div className="stack">
            <TextField
              label={m.regions}
              hint={m.regionsHint}
              value={values.regions}
              error={e['settings.allowedRegions']}
              autoCapitalize="characters"
              onChange={(ev) => set('regions', ev.target.value, 'settings.allowedRegions')}
            />
            <div className="cluster">
              {['US', 'GB', 'IN'].map((code) => (
                <Button key={code} size="sm" variant="ghost" onClick={() => addRegion(code)}>
                  {m.addRegion(code)}
                </Button>
              ))}
            </div>
            <div className="form-row">
              <TextField
                label={m.windowFrom}
                type="time"
                value={values.windowFrom}
                error={e['settings.callingWindow.startMinute']}
                onChange={(ev) => set('windowFrom', ev.target.value, 'settings.callingWindow.startMinute')}
              />
              <TextField
                label={m.windowTo}
                type="time"
                hint={m.windowHint}
                value={values.windowTo}
                error={e['settings.callingWindow.endMinute']}
                onChange={(ev) => set('windowTo', ev.target.value, 'settings.callingWindow.endMinute')}
              />
            </div>
            <ChoiceGroup legend={m.days} hint={m.daysHint} error={e['settings.callingWindow.days']}>
              {weekdays.map((day) => (
                <Choice
                  key={day}
                  title={weekdayName(day)}
                  checked={values.days.includes(day)}
                  onChange={(ev) =>
                    set(
                      'days',
                      ev.target.checked ? [...values.days, day] : values.days.filter((d) => d !== day),
                      'settings.callingWindow.days',
                    )
                  }
                />
              ))}
            </ChoiceGroup>
          </div>
        </Panel>

        <Panel title={m.attempts} labelledBy="builder-attempts">
          <div className="stack">
            <div className="form-row">
              <TextField
                label={m.perLead}
                hint={m.perLeadHint}
                type="number"
                min={1}
                max={50}
                value={values.maxAttemptsPerLead}
                error={e['settings.maxAttemptsPerLead']}
                onChange={(ev) => set('maxAttemptsPerLead', ev.target.value, 'settings.maxAttemptsPerLead')}
              />
              <TextField
                label={m.perDay}
                hint={m.perDayHint}
                type="number"
                min={1}
                max={10}
                value={values.maxAttemptsPerDay}
                error={e['settings.maxAttemptsPerDay']}
                onChange={(ev) => set('maxAttemptsPerDay', ev.target.value, 'settings.maxAttemptsPerDay')}
              />
            </div>
            <fieldset className="choice-group">
              <legend className="label">{m.spacing}</legend>
              <p className="hint">{m.spacingHint}</p>
              <div className="choice-grid">
                {attemptOutcomes.map((outcome) => (
                  <TextField
                    key={outcome}
                    label={m.spacingFor(c.outcomes[outcome])}
                    type="number"
                    min={0}
                    inputMode="numeric"
                    placeholder={String(campaignDefaults.retrySpacingMinutes[outcome])}
                    hint={m.defaultMinutes(formatNumber(campaignDefaults.retrySpacingMinutes[outcome]))}
                    value={values.spacing[outcome]}
                    error={e[`settings.retrySpacingMinutes.${outcome}`]}
                    onChange={(ev) =>
                      set(
                        'spacing',
                        { ...values.spacing, [outcome]: ev.target.value },
                        `settings.retrySpacingMinutes.${outcome}`,
                      )
                    }
                  />
                ))}
              </div>
            </fieldset>
            <ChoiceGroup legend={m.recycle} hint={m.recycleHint} error={e['settings.recycleOutcomes']}>
              {attemptOutcomes.map((outcome) => (
                <Choice
                  key={outcome}
                  title={c.outcomes[outcome]}
                  checked={values.recycleOutcomes.includes(outcome)}
                  onChange={(ev) =>
                    set(
                      'recycleOutcomes',
                      ev.target.checked
                        ? [...values.recycleOutcomes, outcome]
                        : values.recycleOutcomes.filter((o) => o !== outcome),
                      'settings.recycleOutcomes',
                    )
                  }
                />
              ))}
            </ChoiceGroup>
          </div>
        </Panel>

        <Panel title={m.pacingTitle} labelledBy="builder-pacingTitle">
          <div className="stack">
            <div className="form-row">
              <TextField
                label={m.callsPerMinute}
                type="number"
                min={1}
                max={600}
                value={values.callsPerMinute}
                error={e['settings.pacing.callsPerMinute']}
                onChange={(ev) => set('callsPerMinute', ev.target.value, 'settings.pacing.callsPerMinute')}
              />
              <TextField
                label={m.maxConcurrent}
                type="number"
                min={1}
                max={500}
                value={values.maxConcurrent}
                error={e['settings.pacing.maxConcurrent']}
                onChange={(ev) => set('maxConcurrent', ev.target.value, 'settings.pacing.maxConcurrent')}
              />
            </div>
            <TextField
              label={m.abandonment}
              hint={m.abandonmentHint}
              type="number"
              min={0}
              max={100}
              step="0.1"
              value={values.abandonmentLimit}
              error={e['settings.abandonment.limitPercent']}
              onChange={(ev) => set('abandonmentLimit', ev.target.value, 'settings.abandonment.limitPercent')}
            />
          </div>
        </Panel>

        <Panel title={m.voice} labelledBy="builder-voice">
          <div className="stack">
            <TextField
              label={m.purpose}
              hint={m.purposeHint}
              value={values.purpose}
              error={e['settings.purpose']}
              onChange={(ev) => set('purpose', ev.target.value, 'settings.purpose')}
            />
            <SwitchField
              label={m.aiVoice}
              checked={values.usesArtificialVoice}
              onCheckedChange={(checked) => set('usesArtificialVoice', checked)}
            />
            {values.usesArtificialVoice ? <Alert tone="warning">{m.aiVoiceNote}</Alert> : null}
            <SwitchField
              label={m.liveAgent}
              description={m.liveAgentHint}
              checked={values.liveAgentGuaranteed}
              onCheckedChange={(checked) => set('liveAgentGuaranteed', checked)}
            />
            <ChoiceGroup
              legend={m.consent}
              hint={m.consentHint}
              error={e['settings.consentRequired']}
              columns={false}
            >
              {values.consentRequired.map((consent, index) => (
                <div className="form-row" key={index}>
                  <TextField
                    label={m.consentPurpose}
                    value={consent.purpose}
                    onChange={(ev) =>
                      set(
                        'consentRequired',
                        values.consentRequired.map((x, i) =>
                          i === index ? { ...x, purpose: ev.target.value } : x,
                        ),
                        'settings.consentRequired',
                      )
                    }
                  />
                  <OptionsField
                    label={m.consentChannel}
                    value={consent.channel}
                    options={consentChannels}
                    labels={m.channels}
                    onPick={(channel) =>
                      set(
                        'consentRequired',
                        values.consentRequired.map((x, i) => (i === index ? { ...x, channel } : x)),
                        'settings.consentRequired',
                      )
                    }
                  />
                  <IconButton
                    label={m.removeConsent}
                    onClick={() =>
                      set(
                        'consentRequired',
                        values.consentRequired.filter((_, i) => i !== index),
                        'settings.consentRequired',
                      )
                    }
                  >
                    <X aria-hidden="true" />
                  </IconButton>
                </div>
              ))}
              <div>
                <Button
                  size="sm"
                  icon={<Plus aria-hidden="true" />}
                  onClick={() =>
                    set(
                      'consentRequired',
                      [
                        ...values.consentRequired,
                        { purpose: values.purpose || 'marketing', channel: 'call' },
                      ],
                      'settings.consentRequired',
                    )
                  }
                >
                  {m.addConsent}
                </Button>
              </div>
            </ChoiceGroup>
          </div>
        </Panel>

        <Panel title={m.provider} labelledBy="builder-provider">
          <div className="stack">
            <OptionsField
              label={m.adapter}
              hint={m.adapterHints[adapterField]}
              value={adapterField}
              options={telephonyAdapters}
              labels={c.adapters}
              error={e['settings.adapter.name']}
              onPick={(name) => set('adapter', name, 'settings.adapter.name')}
            />
            {adapterField === 'simulator' ? (
              <TextField
                label={m.script}
                hint={m.scriptHint}
                optional
                value={values.script}
                error={e['settings.adapter.script']}
                onChange={(ev) => set('script', ev.target.value, 'settings.adapter.script')}
              />
            ) : (
              <div className="form-row">
                <TextField
                  label={m.agentId}
                  hint={m.agentHints[adapterField]}
                  value={values.agentId}
                  error={e['settings.adapter.agentId']}
                  onChange={(ev) => set('agentId', ev.target.value, 'settings.adapter.agentId')}
                />
                <TextField
                  label={m.from}
                  hint={m.fromHint}
                  type="tel"
                  value={values.from}
                  error={e['settings.adapter.from']}
                  onChange={(ev) => set('from', ev.target.value, 'settings.adapter.from')}
                />
              </div>
            )}
            <TextField
              label={m.context}
              hint={m.contextHint}
              value={values.contextFields}
              error={e['settings.contextFields']}
              onChange={(ev) => set('contextFields', ev.target.value, 'settings.contextFields')}
            />
          </div>
        </Panel>

        <div className="cluster">
          <Button type="submit" variant="primary" busy={save.isPending}>
            {campaign ? m.save : m.create}
          </Button>
          <Button
            onClick={() =>
              void (campaign
                ? navigate({ to: '/campaigns/$campaignId', params: { campaignId: campaign.id } })
                : navigate({ to: '/campaigns' }))
            }
          >
            {m.cancel}
          </Button>
        </div>
      </form>
    </div>
  );
}
