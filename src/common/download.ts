import { StreamableFile } from '@nestjs/common';

/** The part of a Fastify reply a download sets. */
export type DownloadReply = { header: (k: string, v: string) => DownloadReply };

/** The Content-Disposition of a download called `fileName` (RFC 5987, so a Chinese name survives every browser). */
export const attachment = (fileName: string): string =>
  `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** Answers with a file to save: its type and name on the reply, a Buffer body streamed. */
export function download(
  reply: DownloadReply,
  contentType: string,
  file: { fileName: string; body: string | Buffer },
): string | StreamableFile {
  reply.header('Content-Type', contentType).header('Content-Disposition', attachment(file.fileName));
  return typeof file.body === 'string' ? file.body : new StreamableFile(file.body);
}
