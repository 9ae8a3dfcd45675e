import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useMessages } from '@/i18n';
import { Button, IconButton } from './Button';
import { kitMessages } from './kit.messages';

async function copyText(text: string): Promise<void> {
  // Plain-HTTP deployments (other than localhost) have no Clipboard API: the reader copies by hand.
  if (!window.isSecureContext || !('clipboard' in navigator)) throw new Error('no clipboard here');
  await navigator.clipboard.writeText(text);
}

/** Copies `text` and says so, visibly and to screen readers. */
export function CopyButton({
  text,
  label,
  compact = false,
}: {
  text: string;
  label?: string;
  compact?: boolean;
}) {
  const m = useMessages(kitMessages);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () =>
    copyText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  const status = state === 'copied' ? m.copied : state === 'failed' ? m.copyUnavailable : '';
  return (
    <>
      {compact ? (
        <IconButton label={state === 'copied' ? m.copied : (label ?? m.copy)} onClick={() => void copy()}>
          {state === 'copied' ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        </IconButton>
      ) : (
        <Button
          size="sm"
          icon={state === 'copied' ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          onClick={() => void copy()}
        >
          {state === 'copied' ? m.copied : (label ?? m.copy)}
        </Button>
      )}
      <span className="visually-hidden" role="status">
        {status}
      </span>
    </>
  );
}

/** A shell command to copy, shown as code. */
export function CommandLine({ command }: { command: string }) {
  return (
    <div className="code-block">
      <code>{command}</code>
      <CopyButton text={command} label="Copy command" compact />
    </div>
  );
}
