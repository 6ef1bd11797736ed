import { renderAdmin } from '../render';
import { Hono } from 'hono';
import type { AppBindings } from '../../http/types';
import { ApiDocsPage } from '../../views/admin/api-docs-page';
// Generated from the zod schemas by `npm run openapi` (document.ts); a test keeps it current.
import document from './openapi.json';

/** `/api/openapi.json` and the readable `/api/docs`, both public: the API's shape is not a secret. */
export const openApiRoutes = new Hono<AppBindings>();

const doc = () => document;

openApiRoutes.get('/api/openapi.json', (c) => c.json(doc()));
openApiRoutes.get('/api/docs', (c) =>
  renderAdmin(c, <ApiDocsPage doc={doc() as unknown as Record<string, unknown>} />),
);
