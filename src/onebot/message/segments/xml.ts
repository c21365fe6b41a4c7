import { defineSegment } from './codec.js';
import { requiredString } from './fields.js';

/** A legacy XML card. Stored and delivered as given (NapCat drops these on send). */
export const xmlSegment = defineSegment({
  type: 'xml',
  kind: 'xml',
  parse: (data) => ({ kind: 'xml', data: requiredString(data, 'data', 'the XML text') }),
  render: (element) => ({ type: 'xml', data: { data: element.data } }),
});
