import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';
import { messagesNow, useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { Choice, ChoiceGroup, SwitchField, TextAreaField, TextField } from '@/kit/Field';
import { decimalOf, useForm, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { disputesMessages } from './disputes.messages';

export type Dispute = Schema<'QaDisputeList'>['items'][number];

type Field = 'outcome' | 'comment' | 'override';
const fields: readonly Field[] = ['outcome', 'comment', 'override'];

export function validateResolution(comment: string, override: { score: string } | null): FieldErrors<Field> {
  const m = messagesNow(disputesMessages).dialog;
  const score = override ? (decimalOf(override.score) ?? NaN) : 0;
  return {
    comment: comment.trim() ? undefined : m.commentMissing,
    override:
      override && !(Number.isFinite(score) && score >= 0 && score <= 100) ? m.scoreInvalid : undefined,
  };
}

/** Accept or reject one dispute with a comment; accepting a rule's dispute may override the rule. */
export function ResolveDisputeDialog({
  dispute,
  open,
  onOpenChange,
}: {
  dispute: Dispute;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(disputesMessages).dialog;
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<'accepted' | 'rejected'>('accepted');
  const [comment, setComment] = useState('');
  const [overrideToo, setOverrideToo] = useState(false);
  const [score, setScore] = useState('');
  const [pass, setPass] = useState(true);
  const form = useForm(fields, 'POST /api/v1/recordings/{id}/analysis/disputes/{disputeId}/resolve');
  const withOverride =
    outcome === 'accepted' && overrideToo && dispute.ruleId !== null && dispute.analysisIsCurrent;
  const resolve = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/recordings/{id}/analysis/disputes/{disputeId}/resolve', {
          params: { path: { id: dispute.recordingId, disputeId: dispute.id } },
          body: {
            outcome,
            comment: comment.trim(),
            ...(withOverride ? { override: { score: decimalOf(score) ?? NaN, pass } } : {}),
          },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['qa-disputes'] });
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey.includes(dispute.recordingId),
      });
      toast.success(m.done);
      onOpenChange(false);
    },
    onError: form.refuse,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ comment }, validateResolution(comment, withOverride ? { score } : null)))
      resolve.mutate();
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={m.title}
      description={m.disputed(dispute.raisedBy)}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      lead={<blockquote className="muted">{dispute.comment}</blockquote>}
      cancelLabel={m.cancel}
      onCancel={() => onOpenChange(false)}
      submitLabel={m.submit}
      busy={resolve.isPending}
    >
      <ChoiceGroup legend={m.outcome} error={form.errors.outcome}>
        <Choice
          type="radio"
          name="outcome"
          title={m.accept}
          description={m.acceptHint}
          checked={outcome === 'accepted'}
          onChange={() => setOutcome('accepted')}
        />
        <Choice
          type="radio"
          name="outcome"
          title={m.reject}
          description={m.rejectHint}
          checked={outcome === 'rejected'}
          onChange={() => setOutcome('rejected')}
        />
      </ChoiceGroup>
      <TextAreaField
        label={m.comment}
        hint={m.commentHint}
        value={comment}
        onChange={(e) => {
          setComment(e.target.value);
          form.clear('comment');
        }}
        error={form.errors.comment}
        limits={form.limit('comment')}
        autoFocus
        rows={3}
      />
      {outcome === 'accepted' && dispute.ruleId !== null && dispute.analysisIsCurrent ? (
        <>
          <SwitchField label={m.overrideToo} checked={overrideToo} onCheckedChange={setOverrideToo} />
          {overrideToo ? (
            <>
              <TextField
                label={m.score}
                inputMode="decimal"
                value={score}
                onChange={(e) => {
                  setScore(e.target.value);
                  form.clear('override');
                }}
                error={form.errors.override}
                autoComplete="off"
              />
              <SwitchField label={m.pass} checked={pass} onCheckedChange={setPass} />
            </>
          ) : null}
        </>
      ) : null}
    </FormDialog>
  );
}
