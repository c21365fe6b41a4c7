import { defineSegment } from './codec.js';
import { requiredString } from './fields.js';

/** A markdown message (`content`). */
export const markdownSegment = defineSegment({
  type: 'markdown',
  kind: 'markdown',
  parse: (data) => ({ kind: 'markdown', content: requiredString(data, 'content', 'the markdown text') }),
  render: (element) => ({ type: 'markdown', data: { content: element.content } }),
});
