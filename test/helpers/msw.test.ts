// runs-in: workerd — this proves the interception inside workerd, where the Worker's fetch runs.
import { describe, expect, it } from 'vitest';
import { json, mockHttp, script } from './msw';

const mock = mockHttp();

describe('MSW inside workerd (test/helpers/msw.ts)', () => {
  it('answers the global fetch and records URL, method, headers, JSON body and Idempotency-Key', async () => {
    mock.on('post', 'https://api.example.com/things', () => json({ id: 't_1' }, 201));
    const res = await fetch('https://api.example.com/things', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
      body: '{"a":1}',
    });
    expect([res.status, await res.json()]).toEqual([201, { id: 't_1' }]);
    expect(mock.requests).toEqual([
      expect.objectContaining({
        url: 'https://api.example.com/things',
        method: 'POST',
        idempotencyKey: 'k-1',
        json: { a: 1 },
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
      }),
    ]);
  });

  it('a scripted endpoint answers in order; a network failure rejects the fetch', async () => {
    mock.on('get', 'https://api.example.com/flaky', script(new Error('down'), json({ ok: true })));
    await expect(fetch('https://api.example.com/flaky')).rejects.toThrow();
    expect((await fetch('https://api.example.com/flaky')).status).toBe(200);
    expect(mock.requests).toHaveLength(2);
  });

  it('a request no handler expects is refused and reported (afterEach fails the test on it)', async () => {
    await expect(fetch('https://unexpected.example.com/x', { method: 'DELETE' })).rejects.toThrow();
    expect(mock.unhandled.splice(0)).toEqual(['DELETE https://unexpected.example.com/x']);
  });
});
