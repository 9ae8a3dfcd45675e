import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { messagesNow, useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { FormError, SwitchField, TextAreaField, TextField } from '@/kit/Field';
import { decimalOf, useForm, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { reviewMessages } from './review.messages';
import { invalidateRecording, type QaRule } from './review.types';

type Field = 'score' | 'pass' | 'reason';
const fields: readonly Field[] = ['score', 'pass', 'reason'];

/** The form's own checks; the server's limits and refusals come through `useForm`. */
export function validateOverride(score: string, reason: string): FieldErrors<Field> {
  const m = messagesNow(reviewMessages).overrideDialog;
  const value = decimalOf(score) ?? NaN;
  return {
    score: Number.isFinite(value) && value >= 0 && value <= 100 ? undefined : m.scoreInvalid,
    reason: reason.trim() ? undefined : m.reasonMissing,
  };
}

/** A reviewer's own judgement of one rule: score, pass, and why. */
export function OverrideRuleDialog({
  recordingId,
  rule,
  open,
  onOpenChange,
}: {
  recordingId: string;
  rule: QaRule;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(reviewMessages).overrideDialog;
  const queryClient = useQueryClient();
  const [score, setScore] = useState(rule.score === null ? '' : String(rule.score));
  const [pass, setPass] = useState(rule.pass ?? false);
  const [reason, setReason] = useState('');
  const form = useForm(fields, 'POST /api/v1/recordings/{id}/analysis/rules/{ruleId}/override');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/recordings/{id}/analysis/rules/{ruleId}/override', {
          params: { path: { id: recordingId, ruleId: rule.ruleId } },
          body: { score: decimalOf(score) ?? NaN, pass, reason: reason.trim() },
        }),
      ),
    onSuccess: (done) => {
      invalidateRecording(queryClient, recordingId);
      toast.success(m.done, m.doneDetail(done.effective.grade ?? m.noGrade));
      close(false);
    },
    onError: form.refuse,
  });

  function close(next: boolean) {
    if (!next) {
      setScore(rule.score === null ? '' : String(rule.score));
      setPass(rule.pass ?? false);
      setReason('');
      form.reset();
      save.reset();
    }
    onOpenChange(next);
  }

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ reason }, validateOverride(score, reason))) save.mutate();
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={close}
      title={m.title(rule.name)}
      description={m.description}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={m.cancel}
      onCancel={() => close(false)}
      submitLabel={m.submit}
      busy={save.isPending}
    >
      <TextField
        label={m.score}
        inputMode="decimal"
        value={score}
        onChange={(e) => {
          setScore(e.target.value);
          form.clear('score');
        }}
        error={form.errors.score}
        autoFocus
        autoComplete="off"
      />
      <SwitchField
        label={m.pass}
        description={rule.autoFail ? m.passHint : undefined}
        checked={pass}
        onCheckedChange={(checked) => {
          setPass(checked);
          form.clear('pass');
        }}
      />
      {form.errors.pass ? <FormError message={form.errors.pass} /> : null}
      <TextAreaField
        label={m.reason}
        hint={m.reasonHint}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          form.clear('reason');
        }}
        error={form.errors.reason}
        limits={form.limit('reason')}
        rows={3}
      />
    </FormDialog>
  );
}
