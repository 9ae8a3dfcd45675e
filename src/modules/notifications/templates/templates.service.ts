import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { NotificationChannel, NotificationTemplate, TemplatesService } from '../contract.js';
import type { NotificationsTables, NotificationsTransaction } from '../db/notifications.tables.js';
import { NotificationsErrors } from '../errors.js';
import { defaultTemplate } from './default-templates.js';
import { languageChain, renderTemplate } from './render.js';
import {
  deleteTemplate,
  findTemplate,
  insertTemplate,
  listTemplates,
  templatesFor,
  updateTemplate,
  type TemplateRow,
} from './templates.repo.js';

const view = (row: TemplateRow): NotificationTemplate => ({
  id: toPublicId('ntt', row.id),
  type: row.type,
  channel: row.channel,
  language: row.language,
  subject: row.subject,
  body: row.body,
  updatedAt: row.updatedAt,
});

export function createTemplatesService(database: Database): TemplatesService {
  const inTenant = <T>(ctx: RequestContext, fn: (trx: NotificationsTransaction) => Promise<T>) =>
    database.withTenant<NotificationsTables, T>(ctx, fn);
  const uuidOf = (id: string) => {
    const uuid = fromPublicId('ntt', id);
    if (!uuid) throw NotificationsErrors.templateNotFound();
    return uuid;
  };
  return {
    async list(ctx) {
      return (await inTenant(ctx, listTemplates)).map(view);
    },
    async get(ctx, id) {
      const row = await inTenant(ctx, (trx) => findTemplate(trx, uuidOf(id)));
      if (!row) throw NotificationsErrors.templateNotFound();
      return view(row);
    },
    async create(ctx, input) {
      const row = await inTenant(ctx, (trx) =>
        insertTemplate(trx, {
          id: newUuid(),
          tenantId: ctx.tenantId,
          ...input,
          language: input.language.toLowerCase(),
        }),
      );
      if (!row) throw NotificationsErrors.templateExists();
      return view(row);
    },
    async update(ctx, id, input) {
      const uuid = uuidOf(id);
      const row = await inTenant(ctx, (trx) =>
        updateTemplate(trx, uuid, { ...input, language: input.language.toLowerCase() }),
      ).catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505') throw NotificationsErrors.templateExists();
        throw error;
      });
      if (!row) throw NotificationsErrors.templateNotFound();
      return view(row);
    },
    async remove(ctx, id) {
      const uuid = uuidOf(id);
      if (!(await inTenant(ctx, (trx) => deleteTemplate(trx, uuid))))
        throw NotificationsErrors.templateNotFound();
    },
  };
}

export interface RenderedText {
  readonly subject: string;
  readonly body: string;
}

/**
 * The text of a notification on a channel: the tenant's template in the recipient's language, else
 * the shipped default in that language, each falling back along the language chain to English.
 */
export async function renderFor(
  trx: NotificationsTransaction,
  type: string,
  channel: NotificationChannel,
  language: string | null,
  variables: Readonly<Record<string, string>>,
): Promise<RenderedText | undefined> {
  const chain = languageChain(language);
  const own = await templatesFor(trx, type, channel, chain);
  for (const tag of chain) {
    const template = own.find((row) => row.language === tag) ?? defaultTemplate(type, channel, tag);
    if (template)
      return {
        subject: renderTemplate(template.subject, variables),
        body: renderTemplate(template.body, variables),
      };
  }
  return undefined;
}
