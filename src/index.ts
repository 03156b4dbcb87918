// The package's public surface, grouped. The CLI (`imagegen-mock`) is built on these.

// Server
export { createApp, APP_DEFAULTS, type AppOptions } from './http/create-app.js';
export { startServer, SERVER_DEFAULTS, type ServerOptions, type RunningServer } from './http/start-server.js';
export type { RequestLogEntry, LogFormat } from './http/request-log.js';
export { formatLogEntry } from './http/request-log.js';

// Contract
export { loadSpec, createSpec, DEFAULT_SPEC_PATH, type Spec } from './spec/load-spec.js';

// Images
export { renderPng, type ImageParams } from './images/render-png.js';

// Errors
export { ApiError, ConfigError, errors, type ErrorBody } from './errors.js';
