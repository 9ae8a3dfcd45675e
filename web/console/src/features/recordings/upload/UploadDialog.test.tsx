import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { recording } from '../recordings.testing';
import { UploadDialog } from './UploadDialog';

/** An XMLHttpRequest the test drives: it reports upload progress and answers when told. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  body: unknown;
  headers: Record<string, string> = {};
  status = 0;
  responseText = '';
  private listeners: Record<string, (() => void)[]> = {};
  private uploadListeners: Record<string, ((event: ProgressEvent) => void)[]> = {};
  upload = {
    addEventListener: (type: string, listener: (event: ProgressEvent) => void) => {
      (this.uploadListeners[type] ??= []).push(listener);
    },
  };
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  addEventListener(type: string, listener: () => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  getResponseHeader() {
    return null;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    for (const listener of this.listeners.abort ?? []) listener();
  }
  progress(loaded: number, total: number) {
    for (const listener of this.uploadListeners.progress ?? [])
      listener({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    for (const listener of this.listeners.load ?? []) listener();
  }
}

const audioFile = (bytes = 2_000_000) =>
  new File([new Uint8Array(bytes)], 'billing-42.wav', { type: 'audio/wav' });

describe('upload dialog', () => {
  afterEach(() => {
    FakeXhr.sent = [];
    vi.unstubAllGlobals();
  });

  it('puts the server’s refusal of the metadata on its fields and focuses the first', async () => {
    signInAs(['recordings:read', 'recordings:ingest']);
    const fetch = stubApi({
      'POST /api/v1/recordings/uploads': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [
            { field: 'body.metadata.source', message: 'must be lower-case letters, digits, ".", "_" or "-"' },
            { field: 'body.metadata.parties.0.number', message: 'must have at most 128 characters' },
          ],
        },
      ],
    });
    renderWithData(<UploadDialog open onOpenChange={vi.fn()} />);
    const events = userEvent.setup();
    await events.upload(screen.getByLabelText('Audio or transcript file'), audioFile());
    const source = screen.getByLabelText<HTMLInputElement>('Source');
    fireEvent.change(source, { target: { value: 'My PBX' } });
    fireEvent.change(screen.getByLabelText('Customer’s number(optional)'), {
      target: { value: '+4930111111' },
    });
    await events.click(screen.getByRole('button', { name: 'Upload' }));

    expect(await screen.findByText('Must be lower-case letters, digits, ".", "_" or "-".')).toBeTruthy();
    expect(source.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(source);
    // parties.0 is the only party given: the customer's number.
    expect(screen.getByLabelText('Customer’s number(optional)').getAttribute('aria-invalid')).toBe('true');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('says what is missing and what the limits are before anything is sent', async () => {
    signInAs(['recordings:read', 'recordings:ingest']);
    const fetch = stubApi({});
    renderWithData(<UploadDialog open onOpenChange={vi.fn()} />);
    expect(screen.getByText(/Audio up to 4 GB: WAV, MP3/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Upload' }));

    expect(screen.getByText('Choose the audio file or the transcript to upload.')).toBeTruthy();
    expect(screen.getByText('Name the source, such as upload.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Audio or transcript file'));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows the audio’s upload progress, then completes the upload', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    signInAs(['recordings:read', 'recordings:ingest']);
    const created = recording({ id: 'rec_01jf00000000000000000000up', state: 'uploading' });
    const bodies: unknown[] = [];
    stubApi({
      'POST /api/v1/recordings/uploads': async (request) => {
        bodies.push(await request.json());
        return [
          201,
          {
            recordingId: created.id,
            uploadUrl: `/api/v1/recordings/uploads/${created.id}/audio?tenant=t&expires=1&sig=s`,
            expiresAt: '2026-11-30T10:00:00.000Z',
            recording: created,
          },
        ];
      },
      [`POST /api/v1/recordings/${created.id}/complete`]: [201, { ...created, state: 'queued' }],
    });
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const uploaded = vi.fn();
    renderWithData(<UploadDialog open onOpenChange={vi.fn()} onUploaded={uploaded} />);
    const events = userEvent.setup();
    await events.upload(screen.getByLabelText('Audio or transcript file'), audioFile());
    expect(screen.getByLabelText<HTMLInputElement>('Recording id in the source').value).toBe(
      'billing-42.wav',
    );
    await events.click(screen.getByRole('button', { name: 'Upload' }));

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const put = FakeXhr.sent[0];
    if (!put) throw new Error('no upload');
    expect(put.method).toBe('PUT');
    expect(put.url).toContain(`/uploads/${created.id}/audio`);
    expect(bodies[0]).toMatchObject({
      bytes: 2_000_000,
      metadata: { source: 'upload', sourceRecordingId: 'billing-42.wav' },
    });

    act(() => put.progress(1_000_000, 2_000_000));
    expect(await screen.findByText('976.6 KB of 1.9 MB (50%)')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toBeTruthy();

    act(() => put.answer(200, { recordingId: created.id, bytes: 2_000_000, sha256: 'a'.repeat(64) }));
    await waitFor(() => expect(uploaded).toHaveBeenCalledWith(expect.objectContaining({ state: 'queued' })));
  });

  it('sends a transcript in one multipart request with the session’s token', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    signInAs(['recordings:read', 'recordings:ingest']);
    stubApi({});
    renderWithData(<UploadDialog open onOpenChange={vi.fn()} />);
    const events = userEvent.setup();
    await events.upload(
      screen.getByLabelText('Audio or transcript file'),
      new File(['WEBVTT\n\n00:00.000 --> 00:02.000\n<v Agent>Hello'], 'call.vtt', { type: 'text/vtt' }),
    );
    await events.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const post = FakeXhr.sent[0];
    expect(post?.method).toBe('POST');
    expect(post?.url).toBe('/api/v1/recordings');
    expect(post?.headers.authorization).toBe('Bearer at');
    const form = post?.body as FormData;
    expect([...form.keys()]).toEqual(['metadata', 'transcript']);
    act(() =>
      post?.answer(415, {
        code: 'CONVERSATIONS_UNSUPPORTED_MEDIA',
        status: 415,
        detail: 'transcript is not a transcript format we read',
        errors: [{ field: 'transcript', message: 'is not WebVTT, SRT or a provider JSON we read' }],
      }),
    );
    expect(await screen.findByText('Is not WebVTT, SRT or a provider JSON we read.')).toBeTruthy();
    expect(screen.getByLabelText('Audio or transcript file').getAttribute('aria-invalid')).toBe('true');
  });
});
