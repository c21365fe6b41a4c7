/**
 * Sniffs the type of media bytes from their first bytes, so a stored blob is served with the
 * right Content-Type whatever name it came with. Falls back to the name's extension, then to
 * application/octet-stream.
 */
const signatures: readonly { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', ext: 'gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { mime: 'image/bmp', ext: 'bmp', test: (b) => b.subarray(0, 2).toString('latin1') === 'BM' },
  {
    mime: 'audio/wav',
    ext: 'wav',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE',
  },
  { mime: 'audio/amr', ext: 'amr', test: (b) => b.subarray(0, 6).toString('latin1') === '#!AMR\n' },
  { mime: 'audio/silk', ext: 'silk', test: (b) => b.subarray(0, 10).toString('latin1').includes('#!SILK') },
  { mime: 'audio/ogg', ext: 'ogg', test: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' },
  { mime: 'audio/flac', ext: 'flac', test: (b) => b.subarray(0, 4).toString('latin1') === 'fLaC' },
  {
    mime: 'audio/mpeg',
    ext: 'mp3',
    test: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  },
  { mime: 'video/mp4', ext: 'mp4', test: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { mime: 'video/webm', ext: 'webm', test: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3 },
  { mime: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'application/zip', ext: 'zip', test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
];

const byExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  wav: 'audio/wav',
  amr: 'audio/amr',
  silk: 'audio/silk',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
  zip: 'application/zip',
  txt: 'text/plain',
  json: 'application/json',
  md: 'text/markdown',
};

export function sniffMime(bytes: Buffer, name = ''): string {
  for (const signature of signatures) if (bytes.length >= 4 && signature.test(bytes)) return signature.mime;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (ext && byExtension[ext]) || 'application/octet-stream';
}

/** A file extension for a mime type (for names derived from blob ids). */
export function extensionOf(mime: string): string {
  return (
    signatures.find((signature) => signature.mime === mime)?.ext ??
    Object.entries(byExtension).find(([, type]) => type === mime)?.[0] ??
    'bin'
  );
}
