import { authorisingFetch, session } from '@/api/client';
import { ApiError } from '@/api/problem';

/** The file name a server suggests in Content-Disposition (`attachment; filename="calls.csv"`). */
export function filenameFrom(contentDisposition: string | null): string | undefined {
  if (!contentDisposition) return undefined;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(contentDisposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  // A name is only a name: never a path.
  return name ? name.replace(/[/\\]/g, '_') : undefined;
}

/**
 * Downloads an API answer as a file. A plain link cannot carry the bearer token (and a token in a
 * URL ends up in logs and history), so the answer is fetched with it, then handed to the browser
 * as an object URL. The whole file passes through memory: fine for what a person exports by hand.
 */
export async function downloadFromApi(path: string, fallbackName: string): Promise<void> {
  const response = await authorisingFetch(session)(
    new Request(path, { headers: { accept: '*/*' }, cache: 'no-store' }),
  );
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw ApiError.fromResponse(response, body);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filenameFrom(response.headers.get('content-disposition')) ?? fallbackName;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked later, not at once: the browser reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
