import { createHash } from 'node:crypto';
import type { ImageParams } from '../images/index.js';

type FakerModule = typeof import('@faker-js/faker/locale/en');
let fakerModule: Promise<FakerModule> | undefined;

/**
 * The prompt as dall-e-3 would restate it: the user's words wrapped in generated, plausible detail.
 * Deterministic: faker is seeded from the image's parameters right before each (synchronous) use.
 * Faker is loaded on the first call rather than at start-up, which it would slow by a tenth.
 */
export async function reviseDeterministically(params: ImageParams): Promise<string> {
  fakerModule ??= import('@faker-js/faker/locale/en');
  const { faker } = await fakerModule;
  const digest = createHash('sha256')
    .update(JSON.stringify(['revised-prompt', params]))
    .digest();
  faker.seed([digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8)]);
  const mood = params.style === 'natural' ? 'soft, true-to-life' : 'vivid, dramatic';
  const light = faker.helpers.arrayElement([
    'morning light',
    'golden-hour light',
    'diffuse overcast light',
    'warm studio lighting',
    'cool twilight',
  ]);
  const detail = params.quality === 'hd' ? 'finely detailed' : 'clean';
  const subject = params.prompt.trim().replace(/[.!?]+$/, '');
  return (
    `A ${detail}, ${mood} image of ${subject}, in ${light}, with ${faker.color.human()} and ` +
    `${faker.color.human()} tones and a ${faker.word.adjective()} ${faker.word.noun()} in the background.`
  );
}
