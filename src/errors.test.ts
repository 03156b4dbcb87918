import { describe, expect, it } from 'vitest';
import { ApiError, errorFromThrown, errors, joinQuoted, maskApiKey, serializeError } from './errors.js';

describe('maskApiKey', () => {
  it('keeps the first 8 and last 4 characters, as the real API does', () => {
    expect(maskApiKey('sk-invalid-key-for-testing')).toBe('sk-inval**************ting');
  });

  it('echoes very short keys unmasked', () => {
    expect(maskApiKey('sk-invalid')).toBe('sk-invalid');
  });
});

describe('joinQuoted', () => {
  it('lists values the way the real messages do', () => {
    expect(joinQuoted(['a'], 'and')).toBe("'a'");
    expect(joinQuoted(['a', 'b'], 'and')).toBe("'a' and 'b'");
    expect(joinQuoted(['a', 'b', 'c'], 'or')).toBe("'a', 'b', or 'c'");
  });
});

describe('the envelope', () => {
  it('has message, type, param and code in that order, pretty-printed', () => {
    const text = serializeError(errors.missingParameter('prompt'));
    expect(text).toBe(
      '{\n  "error": {\n    "message": "Missing required parameter: \'prompt\'.",\n    "type": "invalid_request_error",\n    "param": "prompt",\n    "code": "missing_required_parameter"\n  }\n}',
    );
  });

  it('adds headers to a copy of an error, leaving the body and the original alone', () => {
    const error = errors.contentPolicyViolation();
    const copy = error.withHeaders({ 'x-extra': '1' });
    expect(copy.headers).toEqual({ 'x-extra': '1' });
    expect(error.headers).toEqual({});
    expect(serializeError(copy)).toBe(serializeError(error));
    expect(copy.status).toBe(400);
    const limited = errors.rateLimited(2, 3, 5).withHeaders({ 'retry-after': '6', 'x-a': 'b' });
    expect(limited.headers).toEqual({ 'retry-after': '6', 'x-a': 'b' });
  });

  it('carries headers such as Allow on a wrong method', () => {
    const error = errors.methodNotAllowed('GET', '/v1/images/generations', ['POST']);
    expect(error.status).toBe(405);
    expect(error.headers).toEqual({ allow: 'POST' });
    expect(error.toBody().error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
  });
});

describe('errorFromThrown', () => {
  const request = { method: 'POST', url: '/v1/images/generations', contentEncoding: 'gzip' };

  it('keeps an ApiError and maps what the body parser and zlib throw', () => {
    const known = errors.unknownParameter('x');
    expect(errorFromThrown(known, request)).toBe(known);
    expect(errorFromThrown({ type: 'entity.parse.failed' }, request).message).toBe(
      errors.malformedJson().message,
    );
    expect(errorFromThrown({ type: 'entity.too.large', limit: 10 }, request).status).toBe(413);
    expect(errorFromThrown({ type: 'charset.unsupported', message: 'no' }, request).status).toBe(415);
    expect(
      errorFromThrown(Object.assign(new Error('x'), { code: 'Z_DATA_ERROR', errno: -3 }), request).message,
    ).toBe(errors.corruptBody('gzip').message);
    expect(errorFromThrown(new URIError('bad'), request).message).toBe(
      'Invalid URL (POST /v1/images/generations): malformed percent-encoding',
    );
    expect(errorFromThrown({ status: 409, message: 'conflict' }, request)).toMatchObject({ status: 409 });
  });

  it('turns anything else into the 500, and reports it', () => {
    const heard: Error[] = [];
    const error = errorFromThrown('boom', request, (unexpected) => heard.push(unexpected));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(heard.map((unexpected) => unexpected.message)).toEqual(['boom']);
  });
});
