import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { messagesNow, useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { Choice, ChoiceGroup, FormError, TextAreaField } from '@/kit/Field';
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
    <Modal open={open} onOpenChange={close} title={m.title(rule.name)} description={m.description}>
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
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
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={send.isPending}>
            {m.submit}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
