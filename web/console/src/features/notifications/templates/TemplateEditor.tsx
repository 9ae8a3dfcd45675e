import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError, OptionsField, TextAreaField, TextField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import {
  channels,
  employeeTypes,
  notificationsApi,
  renderTemplate,
  variablesIn,
  type Channel,
  type NotificationTemplate,
  type TemplateInput,
} from '../notifications.api';
import { labelIn } from '@/kit/labels';
import { notificationsMessages } from '../notifications.messages';

type Field = 'type' | 'channel' | 'language' | 'subject' | 'body';
const fields: readonly Field[] = ['type', 'channel', 'language', 'subject', 'body'];

/**
 * Edits one template (or a new one): subject and body with the variables the type supplies listed
 * (a click inserts one at the cursor), sample values for them and a live preview.
 */
export function TemplateEditor({
  template,
  onClose,
  onSaved,
}: {
  template: NotificationTemplate | undefined;
  onClose: () => void;
  onSaved: (template: NotificationTemplate) => void;
}) {
  const m = useMessages(notificationsMessages);
  const t = m.templates;
  const form = useForm(fields);
  const body = useRef<HTMLTextAreaElement>(null);
  const [values, setValues] = useState<Record<Field, string>>({
    type: template?.type ?? employeeTypes[0] ?? 'message',
    channel: template?.channel ?? 'email',
    language: template?.language ?? 'en',
    subject: template?.subject ?? '',
    body: template?.body ?? '',
  });
  const variables = [
    ...new Set([...(template?.variables ?? []), ...variablesIn(values.subject, values.body)]),
  ];
  const [samples, setSamples] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (input: TemplateInput) =>
      template ? notificationsApi.updateTemplate(template.id, input) : notificationsApi.createTemplate(input),
    onSuccess: onSaved,
    onError: (error) => form.refuse(error),
  });
  const set = (field: Field, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    form.clear(field);
  };
  const insert = (name: string) => {
    const area = body.current;
    const token = `{{${name}}}`;
    const at = area?.selectionStart ?? values.body.length;
    const until = area?.selectionEnd ?? at;
    set('body', values.body.slice(0, at) + token + values.body.slice(until));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<Field> = {};
    if (!values.type.trim()) problems.type = t.typeMissing;
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(values.language.trim()))
      problems.language = t.languageInvalid;
    if (values.channel !== 'sms' && !values.subject.trim()) problems.subject = t.subjectMissing;
    if (!values.body.trim()) problems.body = t.bodyMissing;
    if (!form.check(values, problems)) return;
    save.mutate({
      type: values.type.trim(),
      channel: values.channel as Channel,
      language: values.language.trim(),
      subject: values.subject,
      body: values.body,
    });
  };
  const typeOptions = [...new Set([...employeeTypes, values.type])];
  return (
    <Modal
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={template ? t.editorTitle : t.newTitle}
      description={
        template
          ? `${labelIn(m.types, template.type) ?? template.type} · ${m.channels[template.channel]} · ${template.language}`
          : undefined
      }
      wide
    >
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            {template ? null : (
              <>
                <OptionsField
                  label={t.type}
                  value={values.type}
                  options={typeOptions}
                  labels={Object.fromEntries(typeOptions.map((x) => [x, labelIn(m.types, x) ?? x]))}
                  onPick={(v) => set('type', v)}
                  error={form.errors.type}
                />
                <OptionsField
                  label={t.channel}
                  value={values.channel as Channel}
                  options={channels}
                  labels={m.channels}
                  onPick={(v) => set('channel', v)}
                  error={form.errors.channel}
                />
                <TextField
                  label={t.language}
                  value={values.language}
                  onChange={(e) => set('language', e.target.value)}
                  error={form.errors.language}
                  maxLength={35}
                />
              </>
            )}
            <div className="templates-editor">
              <div className="stack stack--sm">
                <TextField
                  label={t.subject}
                  value={values.subject}
                  onChange={(e) => set('subject', e.target.value)}
                  error={form.errors.subject}
                  maxLength={200}
                  optional={values.channel === 'sms'}
                />
                <TextAreaField
                  ref={body}
                  label={t.body}
                  rows={8}
                  value={values.body}
                  onChange={(e) => set('body', e.target.value)}
                  error={form.errors.body}
                  maxLength={10_000}
                />
                <div className="field">
                  <span className="label">{t.variables}</span>
                  {variables.length === 0 ? (
                    <p className="hint">{t.noVariables}</p>
                  ) : (
                    <>
                      <p className="hint">{t.variablesHint}</p>
                      <div className="cluster">
                        {variables.map((name) => (
                          <Button
                            key={name}
                            size="sm"
                            aria-label={t.insert(name)}
                            onClick={() => insert(name)}
                          >
                            <code>{`{{${name}}}`}</code>
                          </Button>
                        ))}
                      </div>
                    </>
                  )}
                </div>
              </div>
              <section className="stack stack--sm" aria-label={t.preview}>
                <h3>{t.preview}</h3>
                {variables.map((name) => (
                  <TextField
                    key={name}
                    label={t.sample(name)}
                    value={samples[name] ?? ''}
                    onChange={(e) => setSamples({ ...samples, [name]: e.target.value })}
                  />
                ))}
                <div className="templates-preview" data-testid="template-preview">
                  {values.subject ? <strong>{renderTemplate(values.subject, samples)}</strong> : null}
                  {values.subject ? '\n\n' : null}
                  {renderTemplate(values.body, samples)}
                </div>
              </section>
            </div>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose}>{t.cancel}</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t.save}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
