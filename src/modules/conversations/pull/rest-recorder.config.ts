import { z } from 'zod';
import { baseUrl, internalPartySchema, secretName } from './pull-config.shared.js';

const path = z
  .string()
  .min(1)
  .max(300)
  .describe('a dotted path into the record, e.g. `recording.callingParty`');
const template = z
  .string()
  .min(1)
  .max(2000)
  .refine((text) => text.startsWith('/'), 'must start with / (it is joined to baseUrl)');

const auth = z.discriminatedUnion('grant', [
  z.object({
    grant: z.literal('password'),
    tokenPath: template.default('/oauth/token'),
    clientIdSecret: secretName,
    clientSecretSecret: secretName.optional(),
    usernameSecret: secretName,
    passwordSecret: secretName,
    scope: z.string().max(500).optional(),
    clientAuth: z.enum(['body', 'basic']).default('body'),
  }),
  z.object({
    grant: z.literal('client_credentials'),
    tokenPath: template.default('/oauth/token'),
    clientIdSecret: secretName,
    clientSecretSecret: secretName,
    scope: z.string().max(500).optional(),
    clientAuth: z.enum(['body', 'basic']).default('body'),
  }),
]);

const paging = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('page'),
    /** The first page's number (`{page}`): 0 or 1. */
    firstPage: z.number().int().min(0).max(1).default(1),
    pageSize: z.number().int().min(1).max(1000).default(100),
    /** Where the answer states the total count; without it paging stops at a short page. */
    totalPath: path.optional(),
  }),
  z.object({
    kind: z.literal('offset'),
    pageSize: z.number().int().min(1).max(1000).default(100),
    totalPath: path.optional(),
  }),
  z.object({
    kind: z.literal('next-link'),
    /** Where the answer holds the next page's URL (absolute, or a path on baseUrl). */
    nextPath: path,
  }),
]);

const directionValues = z
  .object({
    inbound: z.array(z.string().max(100)).default(['inbound', 'incoming', 'in']),
    outbound: z.array(z.string().max(100)).default(['outbound', 'outgoing', 'out']),
    internal: z.array(z.string().max(100)).default(['internal']),
  })
  .default({
    inbound: ['inbound', 'incoming', 'in'],
    outbound: ['outbound', 'outgoing', 'out'],
    internal: ['internal'],
  });

const roleValues = z
  .object({
    agent: z.array(z.string().max(100)).default(['agent', 'internal', 'user']),
    customer: z.array(z.string().max(100)).default(['customer', 'external', 'caller', 'contact']),
  })
  .default({ agent: ['agent', 'internal', 'user'], customer: ['customer', 'external', 'caller', 'contact'] });

/**
 * A recorder with a REST API (OAK/ClarifyGo and the like): where to get a token, how to search a
 * time window, how to download a recording, and where each metadata field sits in its records.
 */
export const restRecorderConfigSchema = z
  .object({
    /** Recorded as the recordings' `source`; with sourceRecordingId the key the ingest dedupes on. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _, at most 40'),
    baseUrl,
    auth,
    search: z.object({
      /** `{since}`, `{until}`, `{page}`, `{offset}`, `{pageSize}` are filled in (URL-encoded). */
      path: template,
      timeFormat: z.enum(['iso', 'iso-seconds', 'epoch-ms', 'epoch-s']).default('iso-seconds'),
      /** The list in the answer (OAK: `searchResults`); empty for an answer that is the list. */
      itemsPath: z.string().max(300).default(''),
      /** The record inside each item when wrapped (OAK: `recording`); an item without it is the record. */
      itemPath: path.optional(),
      paging: paging.default({ kind: 'none' }),
      /** A window listing more is refused as misconfigured rather than read without end. */
      maxItems: z.number().int().min(1).max(100_000).default(10_000),
    }),
    download: z.object({
      /** `{id}` is the leg's recording id. Used when the mapping gives no media URL. */
      path: template.optional(),
      accept: z.string().max(200).default('audio/*, */*'),
      contentType: z.string().max(100).default('audio/mpeg'),
    }),
    mapping: z.object({
      sourceRecordingId: path,
      startedAt: path,
      endedAt: path.optional(),
      durationSeconds: path.optional(),
      direction: path.optional(),
      directionValues,
      callingParty: path.optional(),
      callingName: path.optional(),
      calledParty: path.optional(),
      calledName: path.optional(),
      /** A list of parties (OAK `pbxAccountEndpoints`) and where each one's fields are. */
      parties: z
        .object({
          path,
          number: path.default('number'),
          name: path.optional(),
          role: path.optional(),
          channel: path.optional(),
        })
        .optional(),
      roleValues,
      agent: path.optional(),
      queue: path.optional(),
      language: path.optional(),
      tags: path.optional(),
      sourceCallId: path.optional(),
      mediaUrl: path.optional(),
      recordingGroupId: path.optional(),
      /** The role of the party whose leg this is (`agent`/`customer`, per roleValues). */
      legRole: path.optional(),
    }),
    internalParty: internalPartySchema.default({ domains: [], patterns: [], extensionMaxDigits: 6 }),
    grouping: z
      .object({ whenNoInternalLeg: z.enum(['longest', 'skip']).default('longest') })
      .default({ whenNoInternalLeg: 'longest' }),
  })
  .refine((config) => config.download.path !== undefined || config.mapping.mediaUrl !== undefined, {
    path: ['download', 'path'],
    message: 'is needed when mapping.mediaUrl is not given (there is no other way to the audio)',
  });

export type RestRecorderConfig = z.output<typeof restRecorderConfigSchema>;
export type RestRecorderConfigInput = z.input<typeof restRecorderConfigSchema>;
