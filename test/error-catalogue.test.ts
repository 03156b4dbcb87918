import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AppOptions } from '../src/http/create-app.js';
import { AUTH, testApp } from './helpers.js';

/**
 * One row per entry of the real API's error catalogue that applies to a mock (the reference's §2.2):
 * status, type, code, param and message, word for word where the real text is known.
 */
interface Row {
  name: string;
  body?: Record<string, unknown>;
  raw?: string;
  headers?: Record<string, string>;
  options?: Partial<AppOptions>;
  status: number;
  type?: string;
  code: string | null;
  param: string | null;
  message?: string;
  messageMatch?: RegExp;
  /** Header values the answer must carry; `null`: must not carry it. */
  expectHeaders?: Record<string, string | RegExp | null>;
  /** Extra keys inside `error`. */
  extra?: Record<string, unknown>;
  /** Keys in the serialised order and whether the body ends with a newline (the legacy dialect). */
  legacy?: boolean;
}

const GPT = { model: 'gpt-image-1', prompt: 'a lighthouse' };
const long = (length: number): string => 'x'.repeat(length);

const rows: Row[] = [
  {
    name: 'missing API key',
    headers: { authorization: '' },
    body: GPT,
    status: 401,
    code: null,
    param: null,
    messageMatch: /^You didn't provide an API key\. .*api-keys\.$/,
  },
  {
    name: 'wrong API key, masked as the real API masks it',
    headers: { authorization: 'Bearer sk-invalid-key-for-testing' },
    options: { apiKeys: ['sk-the-right-one'] },
    body: GPT,
    status: 401,
    code: 'invalid_api_key',
    param: null,
    message:
      'Incorrect API key provided: sk-inval**************ting. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  {
    name: 'malformed JSON',
    raw: '{"prompt": ',
    status: 400,
    code: null,
    param: null,
    messageMatch: /^We could not parse the JSON body of your request\./,
  },
  {
    name: 'missing prompt',
    body: { model: 'gpt-image-1' },
    status: 400,
    code: 'missing_required_parameter',
    param: 'prompt',
    message: "Missing required parameter: 'prompt'.",
  },
  {
    name: 'unknown parameter (strict by default)',
    body: { ...GPT, seed: 42 },
    status: 400,
    code: 'unknown_parameter',
    param: 'seed',
    message: "Unknown parameter: 'seed'.",
  },
  {
    name: 'response_format on a GPT image model',
    body: { ...GPT, response_format: 'url' },
    status: 400,
    code: 'unknown_parameter',
    param: 'response_format',
    message: "Unknown parameter: 'response_format'.",
  },
  {
    name: 'style on a GPT image model',
    body: { ...GPT, style: 'vivid' },
    status: 400,
    code: 'unknown_parameter',
    param: 'style',
    message: "Unknown parameter: 'style'.",
  },
  {
    name: 'quality on dall-e-2, even standard',
    body: { model: 'dall-e-2', prompt: 'a lighthouse', quality: 'standard' },
    status: 400,
    code: 'unknown_parameter',
    param: 'quality',
    message: "Unknown parameter: 'quality'.",
  },
  {
    name: 'size the GPT image model does not make',
    body: { ...GPT, size: '512x512' },
    status: 400,
    code: 'invalid_value',
    param: 'size',
    message:
      "Invalid value: '512x512'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.",
  },
  {
    name: 'size of the wrong type',
    body: { ...GPT, size: 1024 },
    status: 400,
    code: 'invalid_type',
    param: 'size',
    message:
      "Invalid type for 'size': expected one of '1024x1024', '1024x1536', '1536x1024', or 'auto', but got an integer instead.",
  },
  {
    name: 'gpt-image-2 size outside its rules',
    body: { model: 'gpt-image-2', prompt: 'a lighthouse', size: '1000x1000' },
    status: 400,
    code: 'invalid_value',
    param: 'size',
    messageMatch: /^Invalid value: '1000x1000'\. .*multiples of 16/,
  },
  {
    name: 'quality of dall-e-3 on a GPT image model',
    body: { ...GPT, quality: 'hd' },
    status: 400,
    code: 'invalid_value',
    param: 'quality',
    message: "Invalid value: 'hd'. Supported values are: 'low', 'medium', 'high', and 'auto'.",
  },
  {
    name: 'quality of a GPT image model on dall-e-3',
    body: { model: 'dall-e-3', prompt: 'a lighthouse', quality: 'high' },
    status: 400,
    code: 'invalid_value',
    param: 'quality',
    message: "Invalid value: 'high'. Supported values are: 'standard' and 'hd'.",
  },
  {
    name: 'xhigh on gpt-image-2',
    body: { model: 'gpt-image-2', prompt: 'a lighthouse', quality: 'xhigh' },
    status: 400,
    code: 'invalid_value',
    param: 'quality',
    message: "The model 'gpt-image-2' does not support quality 'xhigh'",
  },
  {
    name: 'n above 1 on dall-e-3',
    body: { model: 'dall-e-3', prompt: 'a lighthouse', n: 2 },
    status: 400,
    code: 'integer_above_max_value',
    param: 'n',
    message: "Invalid 'n': integer above maximum value. Expected a value <= 1, but got 2 instead.",
  },
  {
    name: 'n below 1',
    body: { ...GPT, n: 0 },
    status: 400,
    code: 'integer_below_min_value',
    param: 'n',
    message: "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.",
  },
  {
    name: 'n above 10',
    body: { ...GPT, n: 11 },
    status: 400,
    code: 'integer_above_max_value',
    param: 'n',
    message: "Invalid 'n': integer above maximum value. Expected a value <= 10, but got 11 instead.",
  },
  {
    name: 'prompt too long for a GPT image model',
    body: { model: 'gpt-image-1', prompt: long(32_001) },
    status: 400,
    code: 'string_above_max_length',
    param: 'prompt',
    message:
      "Invalid 'prompt': string too long. Expected a string with maximum length 32000, but got a string with length 32001 instead.",
  },
  {
    name: 'prompt too long for dall-e-3 (the legacy form)',
    body: { model: 'dall-e-3', prompt: long(4001) },
    status: 400,
    code: null,
    param: null,
    message: `'${long(4001)}' is too long - 'prompt'`,
    legacy: true,
  },
  {
    name: 'unknown model',
    body: { model: 'gpt-image-9', prompt: 'a lighthouse' },
    status: 400,
    code: 'invalid_value',
    param: 'model',
    message: "The model 'gpt-image-9' does not exist.",
  },
  {
    name: 'retired model with --retired-models error',
    body: { model: 'dall-e-3', prompt: 'a lighthouse' },
    options: { retiredModels: 'error' },
    status: 400,
    code: 'invalid_value',
    param: 'model',
    message: "The model 'dall-e-3' does not exist.",
  },
  {
    name: 'a bad size on a retired model is a size error',
    body: { model: 'dall-e-3', prompt: 'a lighthouse', size: '512x512' },
    options: { retiredModels: 'error' },
    status: 400,
    code: 'invalid_value',
    param: 'size',
    message: "Invalid value: '512x512'. Supported values are: '1024x1024', '1792x1024', and '1024x1792'.",
  },
  {
    name: 'transparent background as JPEG',
    body: { ...GPT, background: 'transparent', output_format: 'jpeg' },
    status: 400,
    code: 'invalid_value',
    param: 'background',
    messageMatch: /^Invalid value: 'transparent'\./,
  },
  {
    name: 'moderation, DALL-E dialect',
    body: { model: 'dall-e-3', prompt: 'a lighthouse' },
    headers: { prefer: 'scenario=moderation' },
    status: 400,
    code: 'content_policy_violation',
    param: null,
    message:
      'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    legacy: true,
  },
  {
    name: 'moderation, GPT image dialect',
    body: GPT,
    headers: { prefer: 'scenario=moderation' },
    status: 400,
    type: 'image_generation_user_error',
    code: 'moderation_blocked',
    param: null,
    messageMatch:
      /^Your request was rejected by the safety system\. .*include the request ID req_[0-9a-f]{32}\./,
    extra: { moderation_details: { moderation_stage: 'input', categories: expect.any(Array) as unknown } },
  },
  {
    name: 'rate limit',
    body: GPT,
    headers: { prefer: 'code=429' },
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    param: null,
    messageMatch: /^Rate limit exceeded for images per minute in organization org-\w+\. Limit: \d+\/1min\./,
    expectHeaders: { 'retry-after': /^[1-9]\d*$/ },
  },
  {
    name: 'quota exhausted: no retry-after, the user must act',
    body: GPT,
    headers: { prefer: 'scenario=insufficient_quota' },
    status: 429,
    type: 'insufficient_quota',
    code: 'insufficient_quota',
    param: null,
    messageMatch: /^You exceeded your current quota/,
    expectHeaders: { 'retry-after': null },
  },
  {
    name: 'billing hard limit (400, legacy dialect)',
    body: GPT,
    headers: { prefer: 'scenario=billing_hard_limit' },
    status: 400,
    code: 'billing_hard_limit_reached',
    param: null,
    message: 'Billing hard limit has been reached',
    legacy: true,
  },
  {
    name: 'server error',
    body: GPT,
    headers: { prefer: 'code=500' },
    status: 500,
    type: 'server_error',
    code: null,
    param: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  {
    name: 'overloaded',
    body: GPT,
    headers: { prefer: 'scenario=overloaded' },
    status: 503,
    type: 'server_error',
    code: null,
    param: null,
    messageMatch: /overloaded/,
  },
];

describe('the real error catalogue, one row per case', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const app = await testApp(row.options);
    let req = request(app).post('/v1/images/generations').set(AUTH);
    for (const [name, value] of Object.entries(row.headers ?? {})) req = req.set(name, value);
    const res =
      row.raw !== undefined
        ? await req.set('content-type', 'application/json').send(row.raw)
        : await req.send(row.body ?? {});

    expect(res.status).toBe(row.status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { error } = res.body as { error: Record<string, unknown> };
    expect(error).toMatchObject({
      type: row.type ?? 'invalid_request_error',
      code: row.code,
      param: row.param,
      ...(row.extra ?? {}),
    });
    if (row.message !== undefined) expect(error.message).toBe(row.message);
    if (row.messageMatch) expect(error.message).toMatch(row.messageMatch);
    for (const [name, expected] of Object.entries(row.expectHeaders ?? {})) {
      if (expected === null) expect(res.headers).not.toHaveProperty(name);
      else expect(res.headers[name]).toMatch(expected);
    }
    const keys = Object.keys(error);
    if (row.legacy) {
      expect(keys).toEqual([...keys].sort());
      expect(res.text.endsWith('}\n')).toBe(true);
    } else {
      expect(keys.slice(0, 4)).toEqual(['message', 'type', 'param', 'code']);
      expect(res.text.endsWith('}')).toBe(true);
    }
  });
});
