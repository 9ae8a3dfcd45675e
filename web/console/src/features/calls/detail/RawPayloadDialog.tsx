import { ExternalLink } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Alert } from '@/kit/Alert';
import { CopyButton } from '@/kit/CopyButton';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { LoadingBlock } from '@/kit/states';
import { prettyPayload } from '../calls.format';

type State =
  { kind: 'loading' } | { kind: 'shown'; text: string; json: boolean } | { kind: 'failed'; message: string };

/**
 * Shows the raw payload behind a signed link. The link is the authorisation (short-lived, handed
 * out by an audited API call), so it is fetched as it is, without the session's token: a link to
 * another store (S3, Azure) must never receive it.
 */
export function RawPayloadDialog({
  url,
  objectKey,
  onClose,
}: {
  url: Promise<string>;
  objectKey: string;
  onClose: () => void;
}) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [link, setLink] = useState<string>();
  useEffect(() => {
    const controller = new AbortController();
    url
      .then(async (signed) => {
        setLink(signed);
        const response = await fetch(
          new Request(signed, { signal: controller.signal, credentials: 'omit', cache: 'no-store' }),
        );
        if (!response.ok)
          throw new Error(
            response.status === 403
              ? 'The link has expired. Close this and try again.'
              : `The archive answered ${response.status}.`,
          );
        setState({ kind: 'shown', ...prettyPayload(await response.text()) });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // A store on another origin may be out of the console's reach (its CORS, our CSP): the link still opens in a tab.
        const message =
          error instanceof TypeError
            ? 'The archive could not be read from here. Open the payload in a new tab instead.'
            : error instanceof Error
              ? error.message
              : 'The payload could not be loaded.';
        setState({ kind: 'failed', message });
      });
    return () => controller.abort();
  }, [url]);

  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title="Raw payload"
      description={<span className="mono">{objectKey}</span>}
      wide
    >
      <ModalBody>
        {state.kind === 'loading' ? (
          <LoadingBlock label="Loading the raw payload" lines={6} />
        ) : state.kind === 'failed' ? (
          <Alert tone="danger" title="The payload could not be shown">
            {state.message}
          </Alert>
        ) : (
          <pre
            className="raw-json"
            tabIndex={0}
            aria-label={state.json ? 'Raw payload, JSON' : 'Raw payload'}
            data-testid="raw-payload"
          >
            {state.text}
          </pre>
        )}
      </ModalBody>
      <ModalFooter>
        {state.kind === 'shown' ? <CopyButton text={state.text} label="Copy payload" /> : null}
        {link ? (
          <a className="btn btn--secondary btn--sm" href={link} target="_blank" rel="noreferrer noopener">
            <ExternalLink aria-hidden="true" />
            Open in a new tab
          </a>
        ) : null}
      </ModalFooter>
    </Modal>
  );
}
