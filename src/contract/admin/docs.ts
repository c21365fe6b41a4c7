import { Type } from '@sinclair/typebox';
import { defineRoute } from './route.js';

/** The document of every admin route and every OneBot action, built from their definitions. */
export const docsApi = {
  openapi: defineRoute({
    method: 'GET',
    url: '/openapi.json',
    summary: 'This document',
    tag: 'docs',
    public: true,
    response: Type.Record(Type.String(), Type.Unknown(), { description: 'An OpenAPI 3.1 document' }),
  }),
};
