import type { RequestContext } from '../../platform/context.js';

/** An item of customers, as other modules and the API see it. */
export interface Item {
  /** `item_...` */
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  /** When the handler of customers.item.created.v1 saw the item (the example consumer). */
  readonly announcedAt: Date | null;
}

/** Every method takes the request context first; no driver types cross this line. */
export interface ItemsService {
  create(ctx: RequestContext, input: { readonly name: string }): Promise<Item>;
  list(ctx: RequestContext): Promise<Item[]>;
  get(ctx: RequestContext, itemId: string): Promise<Item>;
}
