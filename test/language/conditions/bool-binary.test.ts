import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../src/language/conditions/binary.js';
import { describeOperatorCases } from './harness.js';

const TLS = 'aws:SecureTransport';

describeOperatorCases('Condition operators — Boolean condition operators (example table)', [
  { name: 'false matches false', operator: 'Bool', key: TLS, policyValues: ['false'], context: { [TLS]: 'false' }, expected: true, reason: 'matched' },
  { name: 'true does not match false', operator: 'Bool', key: TLS, policyValues: ['false'], context: { [TLS]: 'true' }, expected: false, reason: 'no-value-matched' },
  { name: 'no aws:SecureTransport in the request: no match', operator: 'Bool', key: TLS, policyValues: ['false'], expected: false, reason: 'key-missing' },
  { name: 'true and false are read case-insensitively', operator: 'Bool', key: TLS, policyValues: ['TRUE'], context: { [TLS]: 'True' }, expected: true },
  { name: 'a value that is neither true nor false does not match (iamwhy decision)', operator: 'Bool', key: TLS, policyValues: ['yes'], context: { [TLS]: 'true' }, expected: false, reason: 'invalid-value' },
  { name: 'a context value that is no boolean does not match', operator: 'Bool', key: TLS, policyValues: ['true'], context: { [TLS]: '1' }, expected: false, reason: 'invalid-value' },
]);

const KEY = 'test:BinaryKey';
const VALUE = 'QmluYXJ5VmFsdWVJbkJhc2U2NA==';

describeOperatorCases('Condition operators — Binary condition operators (BinaryEquals example table)', [
  { name: 'the same base-64 value matches', operator: 'BinaryEquals', key: KEY, policyValues: [VALUE], context: { [KEY]: VALUE }, expected: true },
  { name: 'different bytes do not match', operator: 'BinaryEquals', key: KEY, policyValues: [VALUE], context: { [KEY]: 'ASIAIOSFODNN7EXAMPLE' }, expected: false, reason: 'no-value-matched' },
  { name: 'no key in the request context: no match', operator: 'BinaryEquals', key: KEY, policyValues: [VALUE], expected: false, reason: 'key-missing' },
  { name: 'compared byte for byte: padding does not matter', operator: 'BinaryEquals', key: KEY, policyValues: [VALUE], context: { [KEY]: VALUE.replace(/=+$/, '') }, expected: true },
  { name: 'text that is not base-64 does not match (iamwhy decision)', operator: 'BinaryEquals', key: KEY, policyValues: ['not base64!'], context: { [KEY]: VALUE }, expected: false, reason: 'invalid-value' },
]);

describe('Condition operators — Binary condition operators: base-64 decoding', () => {
  it('decodes to the bytes', () => {
    expect([...(decodeBase64('aGk=') ?? [])]).toEqual([104, 105]);
    expect([...(decodeBase64('aGk') ?? [])]).toEqual([104, 105]);
    expect([...(decodeBase64('') ?? [])]).toEqual([]);
    expect([...(decodeBase64('/w==') ?? [])]).toEqual([255]);
  });
  it.each(['a', 'aGk==', 'a=Gk', 'aG k', '****'])('rejects %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});
