import { describe, expect, it } from 'vitest';
import { describeFaultSettings, formatBanner } from './banner.js';

describe('describeFaultSettings', () => {
  it('says off for everything when nothing is set', () => {
    expect(describeFaultSettings({ seed: 1, latency: 'off' })).toBe(
      'faults: chaos off, rate limit off, latency off',
    );
  });

  it('echoes chaos with its seed, the limiter per key and the latency', () => {
    const settings = {
      chaos: 0.1,
      seed: 1,
      rateLimit: { limit: 15, windowMs: 60_000 },
      latency: 'realistic',
    } as const;
    expect(describeFaultSettings(settings)).toBe(
      'faults: chaos 0.1 (seed 1), rate limit 15/min per key, latency realistic (seed 1)',
    );
    expect(describeFaultSettings({ seed: 7, rateLimit: { limit: 2, windowMs: 1000 }, latency: 250 })).toBe(
      'faults: chaos off, rate limit 2/s per key, latency 250 ms',
    );
    expect(
      describeFaultSettings({ seed: 1, rateLimit: { limit: 100, windowMs: 3_600_000 }, latency: 'off' }),
    ).toBe('faults: chaos off, rate limit 100/h per key, latency off');
    const shared = { seed: 1, rateLimit: { limit: 5, windowMs: 60_000 }, latency: 'off' as const };
    expect(describeFaultSettings({ ...shared, redisUrl: 'redis://mock:secret@redis:6379' })).toBe(
      'faults: chaos off, rate limit 5/min per key shared through redis://mock:***@redis:6379, latency off',
    );
  });
});

describe('formatBanner', () => {
  const settings = { seed: 1, latency: 'off' } as const;
  const defaultModel = { id: 'dall-e-2', retired: '2026-05-12', source: 'spec' } as const;

  it('says where it listens and what it does, then how to try it', () => {
    const banner = formatBanner({
      version: '1.2.3',
      url: 'http://0.0.0.0:4010',
      keysRestricted: false,
      settings,
      defaultModel,
    });
    const [first, second] = banner.split('\n');
    expect(first).toBe('imagegen-mock 1.2.3 listening on http://0.0.0.0:4010');
    expect(second).toBe('faults: chaos off, rate limit off, latency off');
    expect(banner).toContain('curl http://127.0.0.1:4010/v1/images/generations');
    expect(banner).toContain('Bearer sk-mock');
    expect(banner).not.toContain('__imagegen');
  });

  it('says where the request journal is, in one line, when it is served', () => {
    const banner = formatBanner({
      version: '1.2.3',
      url: 'http://0.0.0.0:4010',
      keysRestricted: false,
      journalServed: true,
      settings,
      defaultModel,
    });
    expect(banner.split('\n')[2]).toBe('requests sent so far: http://127.0.0.1:4010/__imagegen/requests');
  });

  it('says where the inspector page is when the admin routes are on, with a URL a browser can open', () => {
    const options = { version: '1.2.3', keysRestricted: false, settings, defaultModel } as const;
    const banner = formatBanner({
      ...options,
      url: 'http://0.0.0.0:4010',
      journalServed: true,
      inspectorServed: true,
    });
    expect(banner.split('\n').slice(2, 4)).toEqual([
      'requests sent so far: http://127.0.0.1:4010/__imagegen/requests',
      'inspector (requests live, with their images): http://127.0.0.1:4010/__imagegen/',
    ]);
    const journalOff = formatBanner({ ...options, url: 'http://127.0.0.1:5000', inspectorServed: true });
    expect(journalOff.split('\n')[2]).toBe(
      'inspector (requests live, with their images): http://127.0.0.1:5000/__imagegen/',
    );
    expect(formatBanner({ ...options, url: 'http://127.0.0.1:5000' })).not.toContain('inspector');
  });

  it('leads with a GPT image model and says plainly which model a request without one gets', () => {
    const banner = formatBanner({
      version: '1',
      url: 'http://127.0.0.1:1',
      keysRestricted: false,
      settings,
      defaultModel,
    });
    expect(banner).toContain('"model": "gpt-image-1"');
    expect(banner).toContain("model: 'gpt-image-1'");
    expect(banner).not.toContain('dall-e-3');
    expect(banner).toContain(
      "Requests that name no model get dall-e-2 (the spec's default, retired upstream on 2026-05-12);\n" +
        'name one, or set --default-model.',
    );
    const chosen = { id: 'gpt-image-1-mini', retired: null, source: 'flag' } as const;
    expect(
      formatBanner({
        version: '1',
        url: 'http://127.0.0.1:1',
        keysRestricted: false,
        settings,
        defaultModel: chosen,
      }),
    ).toContain('Requests that name no model get gpt-image-1-mini (--default-model).');
  });

  it('does not invent a key when only --api-key keys are accepted', () => {
    const banner = formatBanner({
      version: '1',
      url: 'http://127.0.0.1:1',
      keysRestricted: true,
      settings,
      defaultModel,
    });
    expect(banner).toContain('<one of your --api-key values>');
    expect(banner).not.toContain('sk-mock');
  });
});
