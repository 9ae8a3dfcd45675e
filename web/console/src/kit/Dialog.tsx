import { X } from 'lucide-react';
import { AlertDialog, Dialog } from 'radix-ui';
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { messageOf } from '@/api/problem';
import { Alert } from './Alert';
import { Button, IconButton } from './Button';
import { FormError } from './Field';

export interface ModalProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly title: ReactNode;
  readonly description?: ReactNode;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** A dialog: focus moves in and stays in, Escape closes it, and focus returns to what opened it. */
export function Modal({ open, onOpenChange, title, description, wide, children }: ModalProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content
          className={wide ? 'dialog dialog--wide' : 'dialog'}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="dialog__header">
            <div>
              <Dialog.Title className="dialog__title">{title}</Dialog.Title>
              {description ? (
                <Dialog.Description className="dialog__description">{description}</Dialog.Description>
              ) : null}
            </div>
            <Dialog.Close asChild>
              <IconButton label="Close">
                <X aria-hidden="true" />
              </IconButton>
            </Dialog.Close>
          </div>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function ModalBody({ children }: { children: ReactNode }) {
  return <div className="dialog__body">{children}</div>;
}

export function ModalFooter({ children }: { children: ReactNode }) {
  return <div className="dialog__footer">{children}</div>;
}

/**
 * A dialog around one form (the `useForm` id and submit): the form's own error above its fields,
 * Cancel and the primary submit button in the footer.
 */
export function FormDialog({
  open,
  onOpenChange,
  title,
  description,
  formId,
  onSubmit,
  formError,
  lead,
  children,
  cancelLabel,
  onCancel,
  submitLabel,
  busy,
}: {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly title: ReactNode;
  readonly description?: ReactNode;
  readonly formId: string;
  readonly onSubmit: (event: SyntheticEvent) => void;
  readonly formError: string | undefined;
  /** Shown above the form's error (what the form is about). */
  readonly lead?: ReactNode;
  readonly children: ReactNode;
  readonly cancelLabel: string;
  readonly onCancel: () => void;
  readonly submitLabel: string;
  readonly busy: boolean;
}) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title={title} description={description}>
      <form id={formId} onSubmit={onSubmit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            {lead}
            <FormError message={formError} />
            {children}
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onCancel}>{cancelLabel}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {submitLabel}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly title: ReactNode;
  readonly description: ReactNode;
  readonly confirmLabel: string;
  readonly tone?: 'danger' | 'primary';
  /** Closes the dialog when it resolves; shows the error in the dialog when it rejects. */
  readonly onConfirm: () => Promise<unknown>;
}

/** Asks before doing something that cannot be undone. The safe choice has the focus. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  tone = 'danger',
  onConfirm,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const change = (next: boolean) => {
    if (busy) return;
    setError(undefined);
    onOpenChange(next);
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AlertDialog.Root open={open} onOpenChange={change}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="overlay" />
        <AlertDialog.Content className="dialog">
          <div className="dialog__header">
            <div>
              <AlertDialog.Title className="dialog__title">{title}</AlertDialog.Title>
              <AlertDialog.Description className="dialog__description">{description}</AlertDialog.Description>
            </div>
          </div>
          {error ? (
            <div className="dialog__body">
              <Alert tone="danger">{error}</Alert>
            </div>
          ) : null}
          <div className="dialog__footer">
            <AlertDialog.Cancel asChild>
              <Button disabled={busy}>Cancel</Button>
            </AlertDialog.Cancel>
            <Button variant={tone} busy={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/**
 * One stored record opened from a list (a quarantined payload, a dead letter): its id under the
 * title, its facts as a term list, what else it shows below them, and its actions.
 */
export function RecordDialog({
  title,
  id,
  onClose,
  facts,
  children,
  footer,
}: {
  readonly title: ReactNode;
  /** The record's id, shown in monospace as the dialog's description. */
  readonly id: string;
  readonly onClose: () => void;
  /** `<dt>`/`<dd>` pairs. */
  readonly facts: ReactNode;
  readonly children?: ReactNode;
  readonly footer: ReactNode;
}) {
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={title}
      description={<span className="mono">{id}</span>}
      wide
    >
      <ModalBody>
        <div className="stack stack--sm">
          <dl className="kv">{facts}</dl>
          {children}
        </div>
      </ModalBody>
      <ModalFooter>{footer}</ModalFooter>
    </Modal>
  );
}
