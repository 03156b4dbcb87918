import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../openapi/load-spec.js';
import { acceptsSize } from '../../openapi/models.js';
import { REJECT_CASES } from './negative-corpus.js';
import { resolveProfile } from './model-profile.js';
import { buildNegativeCorpus } from './negative-corpus.js';

describe('buildNegativeCorpus', () => {
  it('makes every case invalid for that very model, and nothing else wrong with it', async () => {
    const spec = await loadSpec();
    for (const [id, profile] of spec.models) {
      const corpus = buildNegativeCorpus(spec, resolveProfile(spec, id));
      expect(corpus.map((entry) => entry.id)).toEqual(REJECT_CASES.map((entry) => entry.id));
      const body = (caseId: string): Record<string, unknown> => {
        const entry = corpus.find((candidate) => candidate.id === caseId);
        if (!entry || !('body' in entry)) throw new Error(`${id}: ${caseId} unavailable`);
        return JSON.parse(entry.body) as Record<string, unknown>;
      };
      expect(body('n-above-max').n).toBe(profile.maxN + 1);
      expect(acceptsSize(profile, String(body('size-unsupported').size))).toBe(false);
      expect(body('missing-prompt')).not.toHaveProperty('prompt');
      expect(body('missing-prompt').model).toBe(id);
      if (profile.quality) expect(profile.quality).not.toContain(body('quality-unknown').quality);
      if (profile.responseFormats)
        expect(profile.responseFormats).not.toContain(body('response-format-unknown').response_format);
      const malformed = corpus.find((entry) => entry.id === 'malformed-json');
      expect(() => JSON.parse((malformed as { body: string }).body) as unknown).toThrow();
    }
  });
});
