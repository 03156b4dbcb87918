import { createFaultPolicy, type FaultPolicy } from '../faults/index.js';
import { createImageStore, type ImageStore } from '../generations/image-store.js';
import { createJournal, type Journal } from '../journal/index.js';
import type { Spec } from '../openapi/load-spec.js';
import type { MockOptions } from '../options.js';
import { createUploadStore, type UploadStore } from '../uploads/upload-store.js';
import type { RequestLogEntry } from './request-log.js';

/** What the app is built from, each part built once and injected: the app builds none of them itself. */
export interface AppDeps {
  /** The contract to serve, from `loadSpec()`. */
  spec: Spec;
  /** Renders, caches and names the images. */
  images: ImageStore;
  /** Decides which requests fail, and how long each takes. */
  faults: FaultPolicy;
  /**
   * The files edits uploaded and the images they answered with, kept in bounded caches; `createApp` builds
   * one with the default budget when absent.
   */
  uploads?: UploadStore;
  /** The last requests answered, for `GET /__imagegen/requests` and `requests()`. */
  journal: Journal;
  /** Wall clock in milliseconds; it sets `created` and the log's time, never image bytes. */
  now: () => number;
  /** Called once per finished request, e.g. to print a log line. */
  onRequest?: ((entry: RequestLogEntry) => void) | undefined;
}

/** The settings the app itself reads; the rest went into the parts in `AppDeps`. */
export type AppSettings = Pick<
  MockOptions,
  'apiKeys' | 'publicUrl' | 'bodyLimitBytes' | 'defaultModel' | 'strict' | 'retiredModels' | 'inspector'
>;

/** The app's parts once `createApp` has filled in the optional ones. */
export type BuiltDeps = AppDeps & { uploads: UploadStore };

/** What a route is built from: the app's parts and settings. */
export interface RouteContext {
  deps: BuiltDeps;
  settings: AppSettings;
}

/** What a library caller gives `createApp`: the spec, the hooks, and any settings (the rest default). */
export interface AppOptions extends Partial<
  Omit<MockOptions, 'port' | 'host' | 'shutdownTimeoutMs' | 'specPath'>
> {
  /** The contract to serve, from `loadSpec()`. */
  spec: Spec;
  /** Wall clock in milliseconds; it sets `created` and never touches image bytes. Default `Date.now`. */
  now?: () => number;
  /** Called once per finished request, e.g. to print a log line. */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** Builds the parts of an app from resolved settings: the image store, the fault policy, the journal. */
export function createAppDeps(
  spec: Spec,
  options: MockOptions,
  hooks: Pick<AppOptions, 'now' | 'onRequest'> = {},
): AppDeps {
  const now = hooks.now ?? Date.now;
  return {
    spec,
    images: createImageStore(options),
    faults: createFaultPolicy(options, now),
    uploads: createUploadStore(options),
    journal: createJournal(options.journalSize),
    now,
    onRequest: hooks.onRequest,
  };
}
