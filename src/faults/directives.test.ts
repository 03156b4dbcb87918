import { describe, expect, it } from 'vitest';
import type { ApiError } from '../errors.js';
import { resolveDirectives, type DirectiveSources, type FaultDirectives } from './directives.js';

function directives(sources: DirectiveSources): FaultDirectives {
  const result = resolveDirectives(sources);
  if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
  return result.directives;
}

function failure(sources: DirectiveSources): ApiError {
  const result = resolveDirectives(sources);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.directives)}`);
  return result.error;
}

describe('resolveDirectives: each source alone', () => {
  it('asks for nothing when nothing is set', () => {
    expect(directives({})).toEqual({});
    expect(directives({ prefer: 'respond-async, wait=10', query: { page: '2' }, prompt: 'a fox' })).toEqual(
      {},
    );
  });

  it('reads the Prefer header: code, scenario, delay, combined', () => {
    expect(directives({ prefer: 'code=429' })).toEqual({ scenario: 'rate_limit' });
    expect(directives({ prefer: 'scenario=timeout' })).toEqual({ scenario: 'timeout' });
    expect(directives({ prefer: 'code=500, delay=100' })).toEqual({ scenario: 'server_error', delayMs: 100 });
    expect(directives({ prefer: 'Scenario="Overloaded"; x=1' })).toEqual({ scenario: 'overloaded' });
  });

  it('ignores the standard RFC 7240 preferences, which it does not act on', () => {
    expect(
      directives({ prefer: 'return=minimal, respond-async, wait=10, handling=lenient, code=503' }),
    ).toEqual({ scenario: 'overloaded' });
  });

  it('reads the query twins, taking the first of repeated values', () => {
    expect(directives({ query: { __code: '403', __delay: '5' } })).toEqual({
      scenario: 'org_not_verified',
      delayMs: 5,
    });
    expect(directives({ query: { __scenario: ['reset', 'timeout'] } })).toEqual({ scenario: 'reset' });
  });

  it('reads prompt markers, several of them', () => {
    expect(directives({ prompt: 'a fox [mock:scenario=moderation] in snow [mock:delay=1500]' })).toEqual({
      scenario: 'moderation',
      delayMs: 1500,
    });
  });

  it('turns markers off when no prompt is given, and ignores a prompt that is not a string', () => {
    expect(directives({ prompt: ['[mock:code=429]'] })).toEqual({});
  });

  it("says 'none' when code=200 or scenario=none asks for the normal answer", () => {
    expect(directives({ prefer: 'code=200' })).toEqual({ scenario: 'none' });
    expect(directives({ query: { __scenario: 'none' } })).toEqual({ scenario: 'none' });
  });

  it('lets scenario win over code within one source, and the first instance of a name win', () => {
    expect(directives({ prefer: 'code=429, scenario=insufficient_quota' })).toEqual({
      scenario: 'insufficient_quota',
    });
    expect(directives({ prefer: 'delay=1, delay=2' })).toEqual({ delayMs: 1 });
    expect(directives({ prompt: '[mock:delay=1] [mock:delay=2]' })).toEqual({ delayMs: 1 });
  });
});

describe('resolveDirectives: precedence', () => {
  it('takes the header over the query over the prompt', () => {
    const all = { prefer: 'code=429', query: { __code: '500' }, prompt: '[mock:code=503]' };
    expect(directives(all)).toEqual({ scenario: 'rate_limit' });
    expect(directives({ ...all, prefer: undefined })).toEqual({ scenario: 'server_error' });
    expect(directives({ prompt: all.prompt })).toEqual({ scenario: 'overloaded' });
  });

  it('decides each directive separately: the delay may come from one source, the failure from another', () => {
    expect(directives({ prefer: 'delay=100', prompt: '[mock:scenario=moderation, delay=9]' })).toEqual({
      scenario: 'moderation',
      delayMs: 100,
    });
  });

  it('lets an explicit code=200 above override a failure asked for below', () => {
    expect(directives({ prefer: 'code=200', prompt: '[mock:code=500]' })).toEqual({ scenario: 'none' });
  });
});

describe('resolveDirectives: bad values are a 400 saying why', () => {
  it('rejects an unknown scenario, listing the known ones', () => {
    const error = failure({ prefer: 'scenario=rate-limit' });
    expect(error.status).toBe(400);
    expect(error.toBody().error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_mock_directive',
      param: null,
    });
    expect(error.message).toMatch(
      /^Invalid mock directive Prefer: scenario=rate-limit: expected one of 'rate_limit', /,
    );
    expect(error.message).toContain("'reset', or 'none'.");
  });

  it('rejects an unsupported or non-numeric code, naming the supported ones', () => {
    expect(failure({ prefer: 'code=404' }).message).toContain('code=404: supported codes are 200, 400, 401');
    expect(failure({ prefer: 'code=abc' }).message).toContain('code=abc: supported codes are');
    expect(failure({ query: { __code: '4290' } }).param).toBe('__code');
  });

  it('rejects a delay that is not a whole number of milliseconds from 0 to 600000', () => {
    for (const delay of ['abc', '-5', '1.5', '250ms', '', '600001']) {
      const error = failure({ query: { __delay: delay } });
      expect(error.message).toBe(
        `Invalid mock directive __delay=${delay}: expected a whole number of milliseconds from 0 to 600000.`,
      );
      expect(error.param).toBe('__delay');
    }
    expect(directives({ query: { __delay: '600000' } })).toEqual({ delayMs: 600000 });
    expect(directives({ query: { __delay: '0' } })).toEqual({ delayMs: 0 });
  });

  it('quotes a prompt marker as written and names the prompt as param', () => {
    const error = failure({ prompt: 'a fox [mock:delay=soon]' });
    expect(error.message).toContain('Invalid mock directive [mock:delay=soon]:');
    expect(error.param).toBe('prompt');
  });

  it('rejects a misspelt name in every source, saying which name was probably meant', () => {
    const header = failure({ prefer: 'scenaro=rate_limit' });
    expect(header.message).toBe(
      "Invalid mock directive Prefer: scenaro=rate_limit: did you mean 'scenario'? " +
        "Expected 'code', 'scenario', or 'delay'.",
    );
    expect(header.param).toBeNull();
    const query = failure({ query: { __scenaro: 'rate_limit' } });
    expect(query.message).toBe(
      "Invalid mock directive __scenaro=rate_limit: did you mean '__scenario'? " +
        "Expected '__code', '__scenario', or '__delay'.",
    );
    expect(query.param).toBe('__scenaro');
    expect(failure({ prompt: '[mock:senario=moderation]' }).message).toBe(
      "Invalid mock directive [mock:senario=moderation]: did you mean 'scenario'? " +
        "Expected 'code', 'scenario', or 'delay', as name=value.",
    );
    expect(failure({ prefer: 'dealy=100' }).message).toContain("did you mean 'delay'?");
    expect(failure({ query: { __Code: '429' } }).message).toContain("did you mean '__code'?");
  });

  it('rejects an unknown name that resembles none, listing the names there are', () => {
    expect(failure({ prefer: 'colour=red' }).message).toBe(
      "Invalid mock directive Prefer: colour=red: expected 'code', 'scenario', or 'delay'; " +
        "the standard preferences 'return', 'respond-async', 'wait', and 'handling' are ignored.",
    );
    expect(failure({ query: { __page: '2' } }).message).toBe(
      "Invalid mock directive __page=2: expected '__code', '__scenario', or '__delay'.",
    );
    expect(failure({ prompt: '[mock:colour=red]' }).message).toBe(
      "Invalid mock directive [mock:colour=red]: expected 'code', 'scenario', or 'delay', as name=value.",
    );
  });

  it("tells Prism's example and dynamic that images are drawn here, and what to use instead", () => {
    const error = failure({ prefer: 'example=big, code=503' });
    expect(error.code).toBe('invalid_mock_directive');
    expect(error.message).toBe(
      "Invalid mock directive Prefer: example=big: Prism's 'example' and 'dynamic' mean nothing here: " +
        'images are drawn from the request, not picked from examples; ask for a failure with ' +
        'scenario=<name> or code=<status> instead.',
    );
    expect(failure({ prefer: 'dynamic=true' }).message).toContain('Prefer: dynamic=true:');
    expect(failure({ query: { __example: 'big' } }).message).toContain(
      "Prism's '__example' and '__dynamic' mean nothing here",
    );
    expect(failure({ query: { __dynamic: 'true' } }).message).toContain(
      '__scenario=<name> or __code=<status>',
    );
  });

  it('reads only the query parameters that start with __ as directives', () => {
    expect(directives({ query: { page: '2', scenaro: 'x', _code: '500', 'api-version': '1' } })).toEqual({});
  });

  it('never ends a message with stray punctuation', () => {
    const sources: DirectiveSources[] = [
      { prefer: 'scenaro=x' },
      { prefer: 'colour=red' },
      { prefer: 'example=1' },
      { query: { __scenaro: 'x' } },
      { prompt: '[mock:senario=x]' },
      { prefer: 'scenario=meltdown' },
      { prefer: 'code=404' },
    ];
    for (const source of sources) expect(failure(source).message).not.toMatch(/[?!.,;:]\.$|\?\./);
  });

  it('reports a bad value even where a higher source overrides it', () => {
    expect(failure({ prefer: 'code=429', prompt: '[mock:code=999]' }).param).toBe('prompt');
  });

  it('rejects a query value that is not a string', () => {
    expect(failure({ query: { __delay: { a: '1' } } }).message).toContain('__delay');
  });
});
