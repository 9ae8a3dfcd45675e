import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { messagesNow, useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { Choice, ChoiceGroup, TextAreaField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { reviewMessages } from './review.messages';
import { invalidateRecording, type QaRule } from './review.types';

type Field = 'ruleId' | 'comment';
const fields: readonly Field[] = ['ruleId', 'comment'];

export function validateDispute(comment: string): FieldErrors<Field> {
  return { comment: comment.trim() ? undefined : messagesNow(reviewMessages).disputeDialog.commentMissing };
}

/** An agent contests this rule's judgement, or the whole evaluation, with a comment. */
export function DisputeDialog({
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
  const m = useMessages(reviewMessages).disputeDialog;
  const queryClient = useQueryClient();
  const [whole, setWhole] = useState(false);
  const [comment, setComment] = useState('');
  const form = useForm(fields, 'POST /api/v1/recordings/{id}/analysis/disputes');
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/recordings/{id}/analysis/disputes', {
          params: { path: { id: recordingId } },
          body: whole ? { comment: comment.trim() } : { ruleId: rule.ruleId, comment: comment.trim() },
        }),
      ),
    onSuccess: () => {
      invalidateRecording(queryClient, recordingId);
      toast.success(m.done, m.doneDetail);
      close(false);
    },
    onError: form.refuse,
  });

  function close(next: boolean) {
    if (!next) {
      setWhole(false);
      setComment('');
      form.reset();
      send.reset();
    }
    onOpenChange(next);
  }

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ comment }, validateDispute(comment))) send.mutate();
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
      busy={send.isPending}
    >
      <ChoiceGroup legend={m.about} error={form.errors.ruleId}>
        <Choice
          type="radio"
          name="about"
          title={m.thisRule}
          checked={!whole}
          onChange={() => setWhole(false)}
        />
        <Choice
          type="radio"
          name="about"
          title={m.wholeEvaluation}
          checked={whole}
          onChange={() => setWhole(true)}
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
        rows={4}
      />
    </FormDialog>
  );
}
