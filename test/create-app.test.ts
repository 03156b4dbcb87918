import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/config.js';
import { createFaultPolicy } from '../src/faults/index.js';
import { createImageStore, type ImageStore } from '../src/generations/image-store.js';
import { createJournal } from '../src/journal/index.js';
import { createApp } from '../src/http/create-app.js';
import { AUTH, bundledSpec } from './helpers.js';

const body = { model: 'gpt-image-1', prompt: 'a lighthouse', size: '1024x1024', quality: 'low' };

describe('createApp(deps, settings)', () => {
  it('uses the parts it is given, and builds none of its own', async () => {
    const options = resolveOptions();
    const store = createImageStore(options);
    const rendered: string[] = [];
    const images: ImageStore = {
      ...store,
      renderAll: (list) => (rendered.push(...list.map((params) => params.prompt)), store.renderAll(list)),
    };
    const deps = {
      spec: await bundledSpec(),
      images,
      faults: createFaultPolicy(options, () => 0),
      journal: createJournal(options.journalSize),
      now: () => 5_000,
    };
    const res = await request(createApp(deps, options)).post('/v1/images/generations').set(AUTH).send(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 5 });
    expect(rendered).toEqual(['a lighthouse']);
  });

  it('answers as createApp(options) does, byte for byte, with its settings or the defaults', async () => {
    const spec = await bundledSpec();
    const options = resolveOptions();
    const deps = {
      spec,
      images: createImageStore(options),
      faults: createFaultPolicy(options, () => 0),
      journal: createJournal(options.journalSize),
      now: () => 5_000,
    };
    const send = (app: ReturnType<typeof createApp>) =>
      request(app).post('/v1/images/generations').set(AUTH).send(body);
    const injected = await send(createApp(deps, options));
    const built = await send(createApp({ spec, now: () => 5_000 }));
    const alone = await send(createApp(deps));
    expect(injected.status).toBe(200);
    expect(injected.text).toBe(built.text);
    expect(alone.text).toBe(built.text);
  });
});
