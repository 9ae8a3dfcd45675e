import { Readable } from 'node:stream';
import { readCallFile, type CallFileFormat, type ConnectorOptions } from '../connectors/file-readers.js';

/** The body is handed to the reader in slices, so it is cut up as a file is, not decoded whole first. */
const sliceBytes = 16 * 1024;
/**
 * How far the reader may read for a first item before the answer is "probably holds some": beyond
 * the header and first record of any real delivery, and short enough that no body makes the check
 * costly (the line readers take one to a few microseconds per blank line).
 */
const probeBytes = 64 * 1024;

const utf8Bom = [0xef, 0xbb, 0xbf] as const;

/** Where the line of the first character other than white space (and a byte order mark) begins; -1 if there is none. */
function firstContentLine(body: Buffer): number {
  let at = body[0] === utf8Bom[0] && body[1] === utf8Bom[1] && body[2] === utf8Bom[2] ? 3 : 0;
  let line = at;
  for (; at < body.length; at += 1) {
    const byte = body[at];
    if (byte === 0x0a) line = at + 1;
    else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return line;
  }
  return -1;
}

/**
 * Whether a payload holds at least one item its format's reader finds: a call record, or a row or
 * document that will be quarantined or skipped with a reason. Empty bodies, `[]`, blank lines, a
 * CSV of header rows only, an XML declaration without a `<cdr>` hold none.
 *
 * The reader is the transform's own, so the answer cannot disagree with what the transform will
 * see; it streams, and is stopped at the first item (the header rows and one data row of a CSV,
 * the first element of a JSON array, the first non-blank line), so a payload is never parsed
 * twice: white space before the first content is skipped by a byte scan, grouping the rows of a
 * call waits for none (a window of one row), and a reader that has found nothing after
 * `probeBytes` (one JSON document larger than that, a header followed by masses of blank lines)
 * is not waited for: the payload is taken, and the transform reads what it holds.
 */
export async function holdsItems(
  body: Buffer,
  format: CallFileFormat,
  options: ConnectorOptions,
): Promise<boolean> {
  const start = firstContentLine(body);
  if (start < 0) return false;
  let gaveUp = false;
  function* slices(): Generator<Buffer> {
    for (let at = start; at < body.length; at += sliceBytes) {
      if (at - start >= probeBytes) {
        gaveUp = true;
        return;
      }
      yield body.subarray(at, at + sliceBytes);
    }
  }
  const items = readCallFile(Readable.from(slices(), { objectMode: false }), format, {
    ...options,
    groupWindowRows: 1,
  });
  try {
    const first = await items.next();
    return !first.done || gaveUp;
  } catch {
    // A reader that fails outright fails in the transform as well, where the failure is reported
    // and retried; refusing here would only hide it from the source as "empty".
    return true;
  } finally {
    await items.return(undefined);
  }
}
