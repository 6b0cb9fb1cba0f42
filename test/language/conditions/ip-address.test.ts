import { describe, expect, it } from 'vitest';
import { parseIpAddress, parseIpRange } from '../../../src/language/conditions/ip-address.js';
import { describeOperatorCases } from './harness.js';

const IP = 'aws:SourceIp';

describeOperatorCases('Condition operators — IP address condition operators', [
  { name: '203.0.113.1 is in 203.0.113.0/24', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.0/24'], context: { [IP]: '203.0.113.1' }, expected: true },
  { name: '198.51.100.1 is not in 203.0.113.0/24', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.0/24'], context: { [IP]: '198.51.100.1' }, expected: false },
  { name: 'no aws:SourceIp (VPC endpoint request): no match', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.0/24'], expected: false, reason: 'key-missing' },
  { name: 'IPv4 and IPv6 ranges mixed; IPv6 in 2001:DB8:1234:5678::/64', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.0/24', '2001:DB8:1234:5678::/64'], context: { [IP]: '2001:db8:1234:5678:abcd::1' }, expected: true, matchedPolicyValue: '2001:DB8:1234:5678::/64' },
  { name: 'IPv6 outside the /64', operator: 'IpAddress', key: IP, policyValues: ['2001:DB8:1234:5678::/64'], context: { [IP]: '2001:db8:1234:5679::1' }, expected: false },
  { name: 'an address without prefix is /32', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.7'], context: { [IP]: '203.0.113.7' }, expected: true },
  { name: 'an address without prefix is /32: the neighbour does not match', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.7'], context: { [IP]: '203.0.113.8' }, expected: false },
  { name: 'an IPv6 address without prefix is a single address (/128)', operator: 'IpAddress', key: IP, policyValues: ['2001:db8::7'], context: { [IP]: '2001:db8::8' }, expected: false },
  { name: 'host bits after the prefix are ignored', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.7/24'], context: { [IP]: '203.0.113.200' }, expected: true },
  { name: '/0 contains every IPv4 address', operator: 'IpAddress', key: IP, policyValues: ['0.0.0.0/0'], context: { [IP]: '198.51.100.1' }, expected: true },
  { name: 'families never cross: IPv4-mapped IPv6 is not in an IPv4 range', operator: 'IpAddress', key: IP, policyValues: ['203.0.113.0/24'], context: { [IP]: '::ffff:203.0.113.1' }, expected: false },
  { name: 'NotIpAddress: outside the range is true', operator: 'NotIpAddress', key: IP, policyValues: ['203.0.113.0/24'], context: { [IP]: '198.51.100.1' }, expected: true, reason: 'negated-no-value-matched' },
  { name: 'NotIpAddress: inside any range is false', operator: 'NotIpAddress', key: IP, policyValues: ['198.51.100.0/24', '203.0.113.0/24'], context: { [IP]: '203.0.113.1' }, expected: false, matchedPolicyValue: '203.0.113.0/24' },
  { name: 'NotIpAddress, key absent: true', operator: 'NotIpAddress', key: IP, policyValues: ['203.0.113.0/24'], expected: true, reason: 'key-missing-negated' },
  { name: 'a context value that is no address: false for IpAddress', operator: 'IpAddress', key: IP, policyValues: ['0.0.0.0/0'], context: { [IP]: 'not-an-ip' }, expected: false, reason: 'invalid-value' },
  { name: 'a context value that is no address: false for NotIpAddress too', operator: 'NotIpAddress', key: IP, policyValues: ['203.0.113.0/24'], context: { [IP]: '203.0.113.999' }, expected: false, reason: 'invalid-value' },
  { name: 'policy variables are not supported in IP address operators', operator: 'IpAddress', key: IP, policyValues: ['${aws:PrincipalTag/cidr}'], context: { [IP]: '203.0.113.1', 'aws:PrincipalTag/cidr': '203.0.113.0/24' }, expected: false, reason: 'invalid-value' },
]);

describe('Condition operators — IP address condition operators: reading addresses and CIDR ranges', () => {
  it.each([
    ['0.0.0.0', 4, 0n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['203.0.113.1', 4, 0xcb007101n],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['1::', 6, 1n << 112n],
    ['2001:db8::ff00:42:8329', 6, 0x20010db8000000000000ff0000428329n],
    ['2001:DB8:0:0:0:0:0:1', 6, 0x20010db8000000000000000000000001n],
    ['::ffff:192.0.2.1', 6, 0xffffc0000201n],
  ] as const)('reads %s', (text, family, value) => {
    expect(parseIpAddress(text)).toEqual({ family, value });
  });
  it.each(['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.-1', 'a.b.c.d', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', 'fe80::1%eth0', '12345::', '1.2.3.4::'])(
    'rejects address %j',
    (text) => {
      expect(parseIpAddress(text)).toBeUndefined();
    },
  );
  it('reads prefixes and defaults', () => {
    expect(parseIpRange('10.0.0.0/8')?.prefixLength).toBe(8);
    expect(parseIpRange('10.0.0.1')?.prefixLength).toBe(32);
    expect(parseIpRange('::1')?.prefixLength).toBe(128);
    expect(parseIpRange('10.0.0.0/33')).toBeUndefined();
    expect(parseIpRange('::/129')).toBeUndefined();
    expect(parseIpRange('10.0.0.0/')).toBeUndefined();
    expect(parseIpRange('10.0.0.0/x')).toBeUndefined();
  });
});
