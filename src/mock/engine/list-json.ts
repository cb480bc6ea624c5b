import type { ContactListItem, ContactListResponse } from '../../types/index.js';
import type { ContactPage, ContactRow } from '../port/repository.js';
import type { JsonText } from './handlers/types.js';
import { contactListItem } from './views.js';

// A list page is mostly its items, and an item changes far less often than it is listed: writing
// JSON costs a page about a sixth of a busy mock's time, so each item's JSON is kept, by contact
// id, with the item it was written from. It is used only when the item made now has the same
// values (a contact changed in place, or another tenant's contact of the same id, is written anew),
// so what is answered never depends on whether the store hands out fresh records or the same ones.

interface Kept {
  item: ContactListItem;
  json: string;
}

/** Two items made by contactListItem (the same keys): the same values? */
function sameValues(a: ContactListItem, b: ContactListItem): boolean {
  for (const key in a) if (a[key as keyof ContactListItem] !== b[key as keyof ContactListItem]) return false;
  return true;
}

/** The kept items, oldest first, bounded in characters (two bytes each in memory) and in number. */
export interface ItemJsonLimits {
  maxChars: number;
  maxItems: number;
}

export class ItemJsonCache {
  private readonly kept = new Map<string, Kept>();
  private chars = 0;

  constructor(readonly limits: ItemJsonLimits = { maxChars: 4 * 2 ** 20, maxItems: 20_000 }) {}

  /** The item's JSON, as `JSON.stringify(contactListItem(row))` writes it. */
  json(row: ContactRow): string {
    const item = contactListItem(row);
    const hit = this.kept.get(item.id);
    if (hit && sameValues(hit.item, item)) return hit.json;
    const json = JSON.stringify(item);
    this.keep(item.id, { item, json });
    return json;
  }

  /** characters held, the bound's measure */
  characters(): number {
    return this.chars;
  }

  size(): number {
    return this.kept.size;
  }

  private keep(id: string, item: Kept): void {
    const old = this.kept.get(id);
    if (old) {
      this.chars -= old.json.length;
      this.kept.delete(id);
    }
    this.kept.set(id, item);
    this.chars += item.json.length;
    for (const [oldest, gone] of this.kept) {
      if (this.chars <= this.limits.maxChars && this.kept.size <= this.limits.maxItems) break;
      this.kept.delete(oldest);
      this.chars -= gone.json.length;
    }
  }
}

/** The page as `JSON.stringify({ data, total, page, pageSize })` writes it, its items from the cache. */
export function contactListJson(cache: ItemJsonCache, result: ContactPage, page: number, pageSize: number): JsonText<ContactListResponse> {
  let data = '';
  for (const row of result.rows) data += (data ? ',' : '') + cache.json(row);
  return `{"data":[${data}],"total":${result.total},"page":${page},"pageSize":${pageSize}}` as JsonText<ContactListResponse>;
}
