/**
 * CloudTrail events → the denied requests they record. Pure: no I/O.
 * CAUTION: publicly exported.
 */
export { cloudTrailRecords, isDeniedEvent, DENIED_ERROR_CODES, type CloudTrailRecord, type IndexedRecord, type RecordsResult } from './read-events.js';
export { deniedRequestFromEvent } from './denied-event.js';
export { eventPrincipal, type EventPrincipal } from './event-principal.js';
export { eventContext, eventResource, type EventContext, type EventResource } from './event-request.js';
