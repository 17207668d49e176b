import type { BodyChunk } from '../../../shared/contract';
import { downloadBlob } from '../../ui/download';

const CHUNK = 4 * 1024 * 1024;

/** A piece of a response body, read from the backend (by the request slice, which owns the call). */
export type ReadBodyChunk = (offset: number, length: number) => Promise<BodyChunk>;

/** Reads a response's full body in chunks and hands it to the browser as a download. */
export async function saveFullBody(read: ReadBodyChunk, suggestedName: string, contentType: string, onProgress: (fraction: number) => void): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await read(offset, CHUNK);
    const binary = atob(chunk.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    parts.push(bytes);
    offset += bytes.length;
    onProgress(chunk.totalBytes === 0 ? 1 : offset / chunk.totalBytes);
    if (chunk.done) break;
  }
  downloadBlob(new Blob(parts, { type: contentType || 'application/octet-stream' }), suggestedName);
}

export function fileNameFor(url: string, contentType: string): string {
  const ext = /json/i.test(contentType)
    ? 'json'
    : /xml/i.test(contentType)
      ? 'xml'
      : /html/i.test(contentType)
        ? 'html'
        : /text/i.test(contentType)
          ? 'txt'
          : 'bin';
  let last = 'response';
  try {
    last =
      new URL(url).pathname
        .split('/')
        .filter(Boolean)
        .pop()
        ?.replace(/[^\w.-]+/g, '_') || 'response';
  } catch {
    /* keep the default */
  }
  return `${last}.${ext}`;
}
