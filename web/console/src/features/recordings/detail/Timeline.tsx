import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useMessages } from '@/i18n';
import { formatDuration } from '@/kit/format';
import { formatMoment } from '../recordings.format';
import { recordingWords } from '../recordings.messages';
import { recordingDetailMessages } from './detail.messages';
import { place, type Lane, type Marker } from './timeline';
import { MomentsKey, MomentsLane } from './analysis/MomentsLane';
import type { Moment } from './analysis/moments';

interface Props {
  readonly durationMs: number;
  readonly lanes: readonly Lane[];
  readonly markers: readonly Marker[];
  readonly names: ReadonlyMap<string, string>;
  /** The waveform's peaks (0..1), or null when the audio could not be decoded here. */
  readonly peaks: Float32Array | null;
  readonly currentMs: number;
  readonly onSeek: (ms: number) => void;
  /** The analysis's hits (categories, trackers, intents): buttons that jump to their moment. */
  readonly moments?: readonly Moment[];
  readonly onMoment?: (moment: Moment) => void;
}

function drawPeaks(canvas: HTMLCanvasElement, peaks: Float32Array) {
  const context = canvas.getContext('2d');
  if (!context) return;
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  canvas.width = width;
  canvas.height = height;
  context.clearRect(0, 0, width, height);
  // A token, so the waveform follows the theme.
  context.fillStyle = getComputedStyle(canvas).getPropertyValue('--text-subtle').trim() || 'gray';
  const middle = height / 2;
  for (let x = 0; x < width; x += 1) {
    const peak = peaks[Math.floor((x / width) * peaks.length)] ?? 0;
    const half = Math.max(0.5, peak * middle);
    context.fillRect(x, middle - half, 1, half * 2);
  }
}

/**
 * The recording on one time axis: the waveform (when the browser could decode the audio), a lane
 * per speaker with their talk as bars, silences of 3 s or more, interruptions and redacted
 * passages, and the playhead. It is a slider too: click or arrow keys to move through the audio.
 */
export function Timeline({
  durationMs,
  lanes,
  markers,
  names,
  peaks,
  currentMs,
  onSeek,
  moments = [],
  onMoment,
}: Props) {
  const m = useMessages(recordingDetailMessages).player;
  const words = useMessages(recordingWords);
  const canvas = useRef<HTMLCanvasElement>(null);
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : '');

  useEffect(() => {
    const element = canvas.current;
    if (!element || !peaks) return;
    drawPeaks(element, peaks);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => drawPeaks(element, peaks));
    observer.observe(element);
    return () => observer.disconnect();
  }, [peaks]);

  const seekAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width <= 0) return;
    onSeek(Math.round(((event.clientX - box.left) / box.width) * durationMs));
  };
  const keys = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 30_000 : 5_000;
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowUp'
        ? currentMs + step
        : event.key === 'ArrowLeft' || event.key === 'ArrowDown'
          ? currentMs - step
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? durationMs
              : undefined;
    if (to === undefined) return;
    event.preventDefault();
    onSeek(Math.min(Math.max(to, 0), durationMs));
  };

  const describe = (marker: Marker) =>
    marker.kind === 'silence'
      ? m.silence(formatDuration((marker.endMs - marker.startMs) / 1000))
      : marker.kind === 'interruption'
        ? m.interruption(
            nameOf(marker.speakerId),
            nameOf(marker.interrupted),
            formatDuration((marker.endMs - marker.startMs) / 1000),
          )
        : m.redaction(words.entity(marker.entityType ?? ''));
  const playhead = `${Math.min(Math.max(currentMs / durationMs, 0), 1) * 100}%`;

  return (
    <div className="recording-timeline">
      <div className="recording-timeline__grid">
        <div className="recording-timeline__labels" aria-hidden="true">
          {peaks ? <span className="recording-timeline__label recording-timeline__label--wave" /> : null}
          {lanes.map((lane) => (
            <span key={lane.speakerId} className="recording-timeline__label">
              {nameOf(lane.speakerId)}
            </span>
          ))}
          <span className="recording-timeline__label recording-timeline__label--events" />
        </div>
        <div
          className="recording-timeline__tracks"
          role="slider"
          tabIndex={0}
          aria-label={m.timeline}
          aria-valuemin={0}
          aria-valuemax={Math.round(durationMs / 1000)}
          aria-valuenow={Math.round(currentMs / 1000)}
          aria-valuetext={`${formatMoment(currentMs)} / ${formatMoment(durationMs)}`}
          onPointerDown={seekAt}
          onKeyDown={keys}
        >
          {peaks ? <canvas ref={canvas} className="recording-timeline__wave" data-testid="waveform" /> : null}
          {lanes.map((lane) => (
            <div key={lane.speakerId} className="recording-timeline__lane" data-speaker={lane.speakerId}>
              {lane.spans.map((span) => (
                <span
                  key={`${span.startMs}-${span.endMs}`}
                  className="recording-timeline__talk"
                  style={place(span, durationMs)}
                />
              ))}
              {markers
                .filter((marker) => marker.kind !== 'silence' && marker.speakerId === lane.speakerId)
                .map((marker) => (
                  <span
                    key={`${marker.kind}-${marker.startMs}-${marker.entityType ?? ''}`}
                    className={`recording-timeline__mark recording-timeline__mark--${marker.kind}`}
                    style={place(marker, durationMs)}
                    title={describe(marker)}
                  />
                ))}
            </div>
          ))}
          <div className="recording-timeline__lane recording-timeline__lane--events">
            {markers
              .filter((marker) => marker.kind === 'silence')
              .map((marker) => (
                <span
                  key={`silence-${marker.startMs}`}
                  className="recording-timeline__mark recording-timeline__mark--silence"
                  style={place(marker, durationMs)}
                  title={describe(marker)}
                />
              ))}
          </div>
          <span className="recording-timeline__playhead" style={{ left: playhead }} aria-hidden="true" />
        </div>
      </div>
      {moments.length > 0 && onMoment ? (
        <MomentsLane moments={moments} durationMs={durationMs} onMoment={onMoment} />
      ) : null}
      <div className="recording-timeline__axis" aria-hidden="true">
        <span>0:00</span>
        <span>{formatMoment(durationMs)}</span>
      </div>
      <div className="recording-timeline__key" aria-hidden="true">
        <span>
          <i className="recording-timeline__swatch recording-timeline__talk" />
          {m.legendTalk}
        </span>
        <span>
          <i className="recording-timeline__swatch recording-timeline__mark--silence" />
          {m.legendSilence}
        </span>
        <span>
          <i className="recording-timeline__swatch recording-timeline__mark--interruption" />
          {m.legendInterruption}
        </span>
        <span>
          <i className="recording-timeline__swatch recording-timeline__mark--redaction" />
          {m.legendRedaction}
        </span>
        {onMoment ? <MomentsKey moments={moments} /> : null}
      </div>
      {markers.length > 0 ? (
        <ul className="visually-hidden" aria-label={m.timelineHint}>
          {markers.map((marker) => (
            <li key={`${marker.kind}-${marker.startMs}-${marker.speakerId ?? ''}-${marker.entityType ?? ''}`}>
              {formatMoment(marker.startMs)}: {describe(marker)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
