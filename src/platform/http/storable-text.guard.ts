import { Stream } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { PlatformErrors, type FieldProblem } from '../errors.js';

/**
 * PostgreSQL refuses a NUL character in `text` (and `\u0000` in `jsonb`), and a string holding an
 * unpaired UTF-16 surrogate has no UTF-8 form at all (`jsonb` refuses its escape; `text` would get
 * U+FFFD instead of what was sent). Such text reaching a query was a 500, so the edge refuses it.
 * With the `u` flag a well-formed surrogate pair is one code point, so `\p{Cs}` matches lone halves only.
 */
const loneSurrogate = /\p{Cs}/u;

/** At most this many fields are named: a body full of NULs gets a useful answer, not a huge one. */
const maxProblems = 20;

function reasonFor(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character (U+0000)';
  if (loneSurrogate.test(text)) return 'an unpaired UTF-16 surrogate, which is not valid Unicode';
  return undefined;
}

/** Parsed text: JSON objects, and the null-prototype dictionaries query strings and headers come as. Bytes and streams are not. */
function isTextRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof ArrayBuffer) &&
    !(value instanceof Stream)
  );
}

/**
 * Every string (and property name) under `value` that PostgreSQL could not store, by dotted path
 * from `root` (`body.legs.0.note`). Only objects, arrays and strings are looked into: a Buffer or
 * stream body is a payload taken as bytes (the ingest and webhook routes), stored as sent and judged
 * by its parser, never by this guard. Iterative, so a deeply nested JSON body cannot exhaust the stack.
 */
export function findUnstorableText(value: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // Paths are built only for the fields that fail: a large clean body costs one visit per value.
  const pending: Visit[] = [{ value, key: root, parent: undefined }];
  for (let next = pending.pop(); next && problems.length < maxProblems; next = pending.pop()) {
    const current = next.value;
    if (typeof current === 'string') {
      const reason = reasonFor(current);
      if (reason) problems.push({ field: pathOf(next), message: `must not contain ${reason}` });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        pending.push({ value: current[i], key: String(i), parent: next });
    } else if (isTextRecord(current)) {
      // Pushed last first, so fields are visited (and named) in the order they were sent.
      for (const key of Object.keys(current).reverse()) {
        const reason = reasonFor(key);
        // The key itself is not echoed: it is the text that cannot be stored.
        if (reason)
          problems.push({
            field: pathOf(next),
            message: `must not have a property name containing ${reason}`,
          });
        else pending.push({ value: current[key], key, parent: next });
      }
    }
  }
  return problems;
}

interface Visit {
  readonly value: unknown;
  readonly key: string;
  readonly parent: Visit | undefined;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

/**
 * Refuses, for every route, text that cannot be stored: headers, path parameters and the query
 * string as soon as the request is routed (before authentication reads anything), the body once it
 * is parsed. The answer is a 400 problem naming each field (`querystring.queue`, `body.tenant`).
 */
export function guardStorableText(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const problems = [
      ...findUnstorableText(request.headers, 'headers'),
      ...findUnstorableText(request.params, 'params'),
      ...findUnstorableText(request.query, 'querystring'),
    ];
    done(problems.length > 0 ? PlatformErrors.validation(problems.slice(0, maxProblems)) : undefined);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const problems = findUnstorableText(request.body, 'body');
    done(problems.length > 0 ? PlatformErrors.validation(problems) : undefined);
  });
}
