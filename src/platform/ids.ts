import { TypeID, typeid } from 'typeid-js';

/*
 * Ids are UUIDv7 in the database (16 bytes, time-ordered, index-friendly) and TypeIDs at the
 * edge: `call_01jd...`, a prefix naming the kind plus the same UUID in base32. Conversion happens
 * only in repositories' row mappers and route parameter parsing.
 */

/** A new time-ordered UUID for a primary key. */
export function newUuid(): string {
  return typeid().toUUID();
}

/** The public id of a row: `toPublicId('call', uuid)` -> `call_01jd...`. */
export function toPublicId<P extends string>(prefix: P, uuid: string): `${P}_${string}` {
  return TypeID.fromUUID(prefix, uuid).toString() as `${P}_${string}`;
}

/** The UUID behind a public id, or undefined when it is malformed or of another kind. */
export function fromPublicId(prefix: string, publicId: string): string | undefined {
  try {
    return TypeID.fromString(publicId, prefix).toUUID();
  } catch {
    return undefined;
  }
}
