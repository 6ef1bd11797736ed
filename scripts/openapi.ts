/**
 * `npm run openapi`: writes the OpenAPI 3.1 document generated from the routes' zod schemas to
 * `src/admin/openapi/openapi.json`, which the Worker serves as it is. Generating at build time keeps
 * @hono/zod-openapi (and the whole zod namespace with every locale it imports) out of the Worker
 * bundle; a test fails when the committed file differs from what the schemas generate.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/admin/openapi/document';

const target = join(import.meta.dirname, '../src/admin/openapi/openapi.json');
writeFileSync(target, JSON.stringify(buildOpenApiDocument('/'), null, 2) + '\n');
console.log(`wrote ${target}`);
