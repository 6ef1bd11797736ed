/** Pieces every path of the OpenAPI document is built from (src/admin/openapi/document.ts). */
import * as z from 'zod';

export type PathFn = (
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  tag: string,
  summary: string,
  extra: Record<string, unknown>,
) => void;

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; every 4xx/5xx answer' });
export const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description:
          code === 401
            ? 'Missing or invalid credentials'
            : code === 404
              ? 'Not found (or another shop’s)'
              : 'Rejected input',
        content: { 'application/problem+json': { schema: problem } },
      },
    ]),
  );
export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const anyObject = z.record(z.string(), z.unknown());
export const id = (description: string) => z.object({ id: z.string().describe(description) });

export const admin = [{ adminToken: [], shopDomain: [] }, { memberToken: [] }, { sessionToken: [] }];
