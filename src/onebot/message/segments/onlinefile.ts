import { defineSegment } from './codec.js';
import { optionalFlag, requiredInt, requiredString } from './fields.js';

/**
 * An online file or folder offered in a private chat, as NapCat renders it: `{msgId, elementId,
 * fileName, fileSize, isDir}`; receive_online_file / refuse_online_file take the first two. It is
 * read so that a received message parses; the world refuses to send one (send_online_file does).
 */
export const onlineFileSegment = defineSegment({
  type: 'onlinefile',
  kind: 'onlinefile',
  parse: (data) => ({
    kind: 'onlinefile',
    msgId: requiredString(data, 'msgId', 'the offer message id'),
    elementId: requiredString(data, 'elementId', 'the offer element id'),
    name: requiredString(data, 'fileName', 'the file name'),
    size: requiredInt(data, 'fileSize', 0),
    isDir: optionalFlag(data, 'isDir') ?? false,
  }),
  render: (element) => ({
    type: 'onlinefile',
    data: {
      msgId: element.msgId,
      elementId: element.elementId,
      fileName: element.name,
      fileSize: String(element.size),
      isDir: element.isDir,
    },
  }),
});
