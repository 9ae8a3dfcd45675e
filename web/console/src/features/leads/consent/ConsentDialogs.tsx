import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { OptionsField, TextAreaField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { toast } from '@/kit/toast';
import {
  consentChannels,
  consentSources,
  instantFromLocal,
  localNow,
  withdrawalHows,
  type Consent,
  type ConsentChannel,
  type ConsentSource,
  type WithdrawalHow,
} from '../leads.api';
import { outboundWords } from '../leads.messages';
import { consentMessages } from './consent.messages';

type Field =
  'phone' | 'region' | 'purpose' | 'channel' | 'source' | 'givenAt' | 'expiresAt' | 'textShown' | 'request';
const fields: readonly Field[] = [
  'phone',
  'region',
  'purpose',
  'channel',
  'source',
  'givenAt',
  'expiresAt',
  'textShown',
  'request',
];

/** Records one consent (`leads:write`); the server's refusals go on their fields. */
export function RecordConsentDialog({
  phone: initialPhone,
  onClose,
  onRecorded,
}: {
  phone: string;
  onClose: () => void;
  onRecorded: (consent: Consent) => void;
}) {
  const m = useMessages(consentMessages);
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const [phone, setPhone] = useState(initialPhone);
  const [region, setRegion] = useState('');
  const [purpose, setPurpose] = useState('marketing');
  const [channel, setChannel] = useState<ConsentChannel>('call');
  const [source, setSource] = useState<ConsentSource>('web_form');
  const [givenAt, setGivenAt] = useState(localNow);
  const [expiresAt, setExpiresAt] = useState('');
  const [textShown, setTextShown] = useState('');
  const [request, setRequest] = useState('');
  const form = useForm(fields, 'POST /api/v1/campaigns/consents');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/campaigns/consents', {
          body: {
            phone: phone.trim(),
            ...(region.trim() ? { region: region.trim().toUpperCase() } : {}),
            purpose: purpose.trim(),
            channel,
            source,
            givenAt: instantFromLocal(givenAt) ?? givenAt,
            expiresAt: instantFromLocal(expiresAt) ?? null,
            textShown: textShown.trim(),
            ...(request.trim() ? { request: request.trim() } : {}),
          },
        }),
      ),
    onSuccess: (consent) => {
      void queryClient.invalidateQueries({ queryKey: ['leads', 'consents'] });
      toast.success(m.form.saved, consent.phone);
      onRecorded(consent);
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const valid = form.check(
      { phone, purpose, textShown, request },
      {
        phone: phone.trim() ? undefined : m.form.phoneMissing,
        purpose: purpose.trim() ? undefined : m.form.purposeMissing,
        givenAt: instantFromLocal(givenAt) ? undefined : m.form.givenMissing,
        textShown: textShown.trim() ? undefined : m.form.textMissing,
      },
    );
    if (valid) save.mutate();
  };
  const edit = (field: Field, set: (value: string) => void) => (value: string) => {
    set(value);
    form.clear(field);
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.form.title}
      description={m.form.description}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={m.form.submit}
      busy={save.isPending}
    >
      <TextField
        label={m.form.phone}
        inputMode="tel"
        value={phone}
        onChange={(e) => edit('phone', setPhone)(e.target.value)}
        error={form.errors.phone}
        limits={form.limit('phone')}
        autoFocus
      />
      <TextField
        label={m.form.region}
        hint={m.form.regionHint}
        optional
        value={region}
        maxLength={2}
        onChange={(e) => edit('region', setRegion)(e.target.value)}
        error={form.errors.region}
      />
      <TextField
        label={m.form.purpose}
        hint={m.form.purposeHint}
        value={purpose}
        onChange={(e) => edit('purpose', setPurpose)(e.target.value)}
        error={form.errors.purpose}
        limits={form.limit('purpose')}
      />
      <OptionsField
        label={m.form.channel}
        hint={channel === 'ai_voice' ? m.aiVoiceExplained : undefined}
        value={channel}
        options={consentChannels}
        labels={m.channels}
        onPick={(value) => {
          setChannel(value);
          form.clear('channel');
        }}
        error={form.errors.channel}
      />
      <OptionsField
        label={m.form.source}
        value={source}
        options={consentSources}
        labels={m.sources}
        onPick={(value) => {
          setSource(value);
          form.clear('source');
        }}
        error={form.errors.source}
      />
      <TextField
        label={m.form.givenAt}
        type="datetime-local"
        value={givenAt}
        onChange={(e) => edit('givenAt', setGivenAt)(e.target.value)}
        error={form.errors.givenAt}
      />
      <TextField
        label={m.form.expiresAt}
        type="datetime-local"
        optional
        value={expiresAt}
        onChange={(e) => edit('expiresAt', setExpiresAt)(e.target.value)}
        error={form.errors.expiresAt}
      />
      <TextAreaField
        label={m.form.textShown}
        value={textShown}
        rows={3}
        onChange={(e) => edit('textShown', setTextShown)(e.target.value)}
        error={form.errors.textShown}
        limits={form.limit('textShown')}
      />
      <TextAreaField
        label={m.form.request}
        hint={m.form.requestHint}
        optional
        value={request}
        rows={2}
        onChange={(e) => edit('request', setRequest)(e.target.value)}
        error={form.errors.request}
        limits={form.limit('request')}
      />
    </FormDialog>
  );
}

/** Withdraws one record, saying how (`leads:write`); 409 when it was withdrawn already shows above the form. */
export function WithdrawConsentDialog({ consent, onClose }: { consent: Consent; onClose: () => void }) {
  const m = useMessages(consentMessages);
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const [how, setHow] = useState<WithdrawalHow>('manual');
  const form = useForm(['how'] as const, 'POST /api/v1/campaigns/consents/{consentId}/withdraw');
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/campaigns/consents/{consentId}/withdraw', {
          params: { path: { consentId: consent.id } },
          body: { how },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['leads', 'consents'] });
      toast.success(m.withdrawn, consent.phone);
      onClose();
    },
    onError: form.refuse,
  });
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.withdrawTitle}
      description={m.withdrawDescription(consent.purpose, m.channels[consent.channel])}
      formId={form.id}
      onSubmit={(event) => {
        event.preventDefault();
        withdraw.mutate();
      }}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={m.withdrawConfirm}
      busy={withdraw.isPending}
    >
      <OptionsField
        label={m.withdrawHow}
        value={how}
        options={withdrawalHows}
        labels={m.hows}
        onPick={setHow}
        error={form.errors.how}
      />
    </FormDialog>
  );
}
