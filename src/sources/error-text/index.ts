/**
 * AccessDenied messages and decoded authorization messages → the denied request
 * they describe. Pure: no I/O.
 * CAUTION: publicly exported.
 */
export { parseDenialMessage, MESSAGE_EXAMPLE, type ParsedMessage, type ParseMessageResult, type MessageForm, type WordedResource } from './parse-message.js';
export { deniedRequestFromMessage } from './denied-request.js';
export { readDecodedAuthorization, decodedContext, withDecodedAuthorization, type DecodedAuthorization, type DecodedStatement, type DecodedReadResult } from './decoded-authorization.js';
export { unwrapPastedText, hasControlCharacters } from './unwrap.js';
export { readSdkWrapper, DENIAL_ERROR_CODES, type SdkWrapper } from './sdk-wrapper.js';
