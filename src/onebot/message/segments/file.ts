import { defineSegment } from './codec.js';
import { mediaSource } from './fields.js';

/**
 * A file, from any media source, with an optional `name`. Received as NapCat sends it: `file`
 * (the name), `file_id`, `file_size`, and a `url` (Catnap's, with the name for downloads). The
 * `file_id`, and the name of the most recent file sent with it, work as sources again.
 */
export const fileSegment = defineSegment({
  type: 'file',
  kind: 'file',
  parse: (data) => ({ kind: 'file', source: mediaSource(data) }),
  render(element, ctx) {
    if (ctx.dialect === 'go-cqhttp') {
      return { type: 'file', data: { path: element.fileId, name: element.media.name, size: String(element.media.size), busid: '102' } };
    }
    return {
      type: 'file',
      data: {
        file: element.media.name,
        file_id: element.fileId,
        file_size: String(element.media.size),
        url: ctx.urls.media(element.media.blobId, element.media.name),
      },
    };
  },
  dialects: {
    'go-cqhttp': '`{path, name, size, busid}` as its group files: `path` is the file id (get_group_file_url takes it), busid 102.',
  },
});
