import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { parseTranscript } from '../transcripts/parse-transcript.js';
import type { LocalProviderConfig } from './transcription.config.js';
import { TranscriptionError, TranscriptionErrors } from './transcription.errors.js';

/** Where Debian's pocketsphinx-en-us puts the US English model (5prealpha's default). */
export const DEBIAN_POCKETSPHINX_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';

export interface LocalEngine {
  /** `pocketsphinx` (5.x: `pocketsphinx live`, JSON lines), `pocketsphinx-continuous` (5prealpha, Debian bookworm), `command`. */
  readonly kind: 'pocketsphinx' | 'pocketsphinx-continuous' | 'command';
  readonly binary: string;
  /** The package version where dpkg knows it (`0.8+5prealpha+1-15`), else null. */
  readonly version: string | null;
  /** The languages it has a model for (primary subtags), or null for any (a configured model). */
  readonly languages: readonly string[] | null;
}

/** What the engine heard in one channel: utterances with word times where it gives them. */
export interface EngineUtterance {
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
  readonly confidence: number | null;
  readonly words:
    readonly { text: string; startMs: number; endMs: number; confidence: number | null }[] | null;
}

/** Finds the engine the configuration asks for; a `no_local_engine` error says what to install. */
export function findLocalEngine(config: LocalProviderConfig): LocalEngine | TranscriptionError {
  if (config.engine === 'command') {
    const [program] = config.command ?? [];
    if (program === undefined) {
      return TranscriptionErrors.notConfigured(
        'local',
        'engine "command" needs a command (an argv template)',
      );
    }
    const binary = onPath(program);
    if (binary === null)
      return TranscriptionErrors.noLocalEngine(`the configured command "${program}" is not installed`);
    return { kind: 'command', binary, version: null, languages: null };
  }
  const candidates: { name: string; kind: LocalEngine['kind'] }[] =
    config.binary !== null
      ? [
          {
            name: config.binary,
            kind: path.basename(config.binary).includes('continuous')
              ? 'pocketsphinx-continuous'
              : 'pocketsphinx',
          },
        ]
      : [
          { name: 'pocketsphinx', kind: 'pocketsphinx' },
          { name: 'pocketsphinx_continuous', kind: 'pocketsphinx-continuous' },
        ];
  for (const candidate of candidates) {
    const binary = onPath(candidate.name);
    if (binary === null) continue;
    if (
      candidate.kind === 'pocketsphinx-continuous' &&
      config.modelPath === null &&
      !existsSync(DEBIAN_POCKETSPHINX_MODEL)
    ) {
      return TranscriptionErrors.noLocalEngine(
        `pocketsphinx is installed but its English model is not (${DEBIAN_POCKETSPHINX_MODEL}): apt-get install pocketsphinx-en-us, or set modelPath`,
      );
    }
    return {
      kind: candidate.kind,
      binary,
      version: packageVersion('pocketsphinx'),
      languages: config.modelPath === null ? ['en'] : null,
    };
  }
  return TranscriptionErrors.noLocalEngine(
    config.binary === null
      ? 'neither pocketsphinx nor pocketsphinx_continuous is on the PATH'
      : `"${config.binary}" is not there`,
  );
}

function onPath(program: string): string | null {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return executable(program) ? program : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, program);
    if (executable(file)) return file;
  }
  return null;
}

function packageVersion(name: string): string | null {
  const answer = spawnSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8', timeout: 5_000 });
  return answer.status === 0 && answer.stdout.trim() !== '' ? answer.stdout.trim() : null;
}

/** The argv for one channel's WAV. */
export function engineArgs(
  engine: LocalEngine,
  config: LocalProviderConfig,
  files: { input: string; outputBase: string },
  language: string,
): string[] {
  const models = [
    ...(config.modelPath === null ? [] : ['-hmm', config.modelPath]),
    ...(config.languageModelPath === null ? [] : ['-lm', config.languageModelPath]),
    ...(config.dictionaryPath === null ? [] : ['-dict', config.dictionaryPath]),
  ];
  switch (engine.kind) {
    case 'pocketsphinx':
      return [...models, 'live', files.input];
    case 'pocketsphinx-continuous':
      return ['-infile', files.input, '-time', 'yes', '-logfn', '/dev/null', ...models];
    case 'command':
      return (config.command ?? []).slice(1).map((arg) => fill(arg, config, files, language));
  }
}

export function fill(
  template: string,
  config: LocalProviderConfig,
  files: { input: string; outputBase: string },
  language: string,
): string {
  return template
    .replaceAll('{input}', files.input)
    .replaceAll('{outputBase}', files.outputBase)
    .replaceAll('{model}', config.modelPath ?? '')
    .replaceAll('{language}', language);
}

/** Runs the engine; its standard output, or an `engine_failed`/`timeout` error. */
export function runEngine(
  binary: string,
  args: readonly string[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const abort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= 64 * 1024 * 1024) out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-2_000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      reject(
        TranscriptionErrors.engineFailed('local', `${binary} could not be started: ${error.message}`, error),
      );
    });
    child.on('close', (code, killedBy) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      if (timedOut) return reject(TranscriptionErrors.timeout('local', 'finish the local engine', timeoutMs));
      if (signal?.aborted === true)
        return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (code !== 0) {
        const tail = err.trim().split('\n').slice(-3).join(' / ');
        return reject(
          TranscriptionErrors.engineFailed(
            'local',
            `${path.basename(binary)} exited with ${code ?? killedBy ?? 'nothing'}${tail === '' ? '' : `: ${tail}`}`,
          ),
        );
      }
      resolve(Buffer.concat(out).toString('utf8'));
    });
  });
}

const FILLER = /^(<s>|<\/s>|<sil>|\[[A-Z_]+\]|\+\+.*\+\+|<unk>)$/i;
/** `word(2)` is pocketsphinx's second pronunciation of `word`. */
const clean = (token: string) => token.replace(/\(\d+\)$/, '');

/** pocketsphinx_continuous -time yes: a hypothesis line, then `word start end confidence` lines from `<s>` to `</s>`. */
export function parseContinuousOutput(stdout: string): EngineUtterance[] {
  const utterances: EngineUtterance[] = [];
  let words: { text: string; startMs: number; endMs: number; confidence: number | null }[] | null = null;
  const close = () => {
    if (words !== null && words.length > 0) utterances.push(utteranceOf(words));
    words = null;
  };
  for (const line of stdout.split('\n')) {
    const match = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(line.trim());
    if (match === null) continue;
    const [, token = '', start = '0', end = '0', p = '0'] = match;
    if (token === '<s>') {
      close();
      words = [];
      continue;
    }
    if (token === '</s>') {
      close();
      continue;
    }
    if (FILLER.test(token)) continue;
    (words ??= []).push(word(clean(token), Number(start), Number(end), Number(p)));
  }
  close();
  return utterances;
}

/** pocketsphinx 5 `live`: one JSON object per utterance, `{b, d, p, t, w: [{b, d, p, t}]}` in seconds (d = duration). */
export function parsePocketsphinxJson(stdout: string): EngineUtterance[] {
  const utterances: EngineUtterance[] = [];
  for (const [index, line] of stdout.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw TranscriptionErrors.engineFailed(
        'local',
        `line ${index + 1} of pocketsphinx's output is not JSON`,
      );
    }
    const record = value as { b?: unknown; d?: unknown; p?: unknown; t?: unknown; w?: unknown };
    if (typeof record.b !== 'number' || typeof record.d !== 'number') {
      throw TranscriptionErrors.engineFailed(
        'local',
        `line ${index + 1} of pocketsphinx's output has no times`,
      );
    }
    const words = (Array.isArray(record.w) ? record.w : [])
      .map((w) => w as { b?: unknown; d?: unknown; p?: unknown; t?: unknown })
      .filter(
        (w) =>
          typeof w.t === 'string' && typeof w.b === 'number' && typeof w.d === 'number' && !FILLER.test(w.t),
      )
      .map((w) =>
        word(
          clean(String(w.t)),
          Number(w.b),
          Number(w.b) + Number(w.d),
          typeof w.p === 'number' ? w.p : null,
        ),
      );
    if (words.length > 0) utterances.push(utteranceOf(words));
    else if (typeof record.t === 'string' && record.t.trim() !== '') {
      utterances.push({
        startMs: Math.round(record.b * 1000),
        endMs: Math.round((record.b + record.d) * 1000),
        text: record.t.trim(),
        confidence: typeof record.p === 'number' ? clamp(record.p) : null,
        words: null,
      });
    }
  }
  return utterances;
}

/** An operator's engine output (WebVTT, SRT, verbose_json) through the transcript parsers. */
export function parseCommandOutput(
  text: string,
  format: LocalProviderConfig['outputFormat'],
): EngineUtterance[] {
  if (format === 'pocketsphinx-json') return parsePocketsphinxJson(text);
  if (text.trim() === '') return [];
  try {
    const transcript = parseTranscript(text, { format });
    return transcript.segments.map((segment) => ({
      startMs: segment.startMs,
      endMs: segment.endMs,
      text: segment.text,
      confidence: segment.confidence,
      words: segment.words,
    }));
  } catch (error) {
    if (error instanceof Error && /holds no speech/.test(error.message)) return [];
    throw TranscriptionErrors.engineFailed(
      'local',
      `the command's output could not be read: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
}

function word(text: string, start: number, end: number, p: number | null) {
  return {
    text,
    startMs: Math.round(start * 1000),
    endMs: Math.max(Math.round(start * 1000), Math.round(end * 1000)),
    confidence: p === null ? null : clamp(p),
  };
}

function utteranceOf(words: EngineUtterance['words'] & object): EngineUtterance {
  const known = words.map((w) => w.confidence).filter((c): c is number => c !== null);
  return {
    startMs: words[0]?.startMs ?? 0,
    endMs: words.at(-1)?.endMs ?? 0,
    text: words.map((w) => w.text).join(' '),
    confidence:
      known.length === 0 ? null : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 1000) / 1000,
    words,
  };
}

const clamp = (p: number) => Math.max(0, Math.min(1, p));
