import { defineSegment } from './codec.js';
import { optionalString, requiredNumber } from './fields.js';

/** A shared location. Stored as given (NapCat sends a fixed placeholder instead). */
export const locationSegment = defineSegment({
  type: 'location',
  kind: 'location',
  parse: (data) => ({
    kind: 'location',
    lat: requiredNumber(data, 'lat', -90, 90),
    lon: requiredNumber(data, 'lon', -180, 180),
    title: optionalString(data, 'title') ?? '',
    content: optionalString(data, 'content') ?? '',
  }),
  render: (element) => ({
    type: 'location',
    data: { lat: String(element.lat), lon: String(element.lon), title: element.title, content: element.content },
  }),
});
