/**
 * Live mode: read an AWS account with the user's credentials (only ever
 * reading), for one request or as a whole snapshot. Everything here loads the
 * AWS SDK lazily; offline answers never import this module.
 * CAUTION: publicly exported (decodeAuthorizationMessage, readLiveSources, captureSnapshot).
 */
export { LiveError } from './errors.js';
export { readLiveSources, type LiveOptions, type LiveSources } from './live-source.js';
export { crossCheck, blindSpotsFor, type SimulatorCheck, type SimulatorRequest } from './simulator.js';
export { decodeAuthorizationMessage, type DecodeAuthorizationMessageOptions } from './decode-authorization-message.js';
export { terminalProgress, NO_PROGRESS, type Progress } from './progress.js';
export { captureSnapshot, DEFAULT_ACCOUNT_CONCURRENCY, type CaptureOptions, type CaptureSummary } from './capture.js';
