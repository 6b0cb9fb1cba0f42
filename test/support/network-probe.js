// Preloaded with `node --import` by test/cli/offline.test.ts: every way Node can
// open a socket or resolve a name throws and is written to $IAMWHY_PROBE_LOG, and so
// is every read of an AWS credential variable or of a watched credentials file
// ($IAMWHY_PROBE_WATCH, paths separated by ':'). A command that logs nothing opened
// no socket and loaded no credentials.
import { appendFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import dns from 'node:dns';
import dgram from 'node:dgram';
import { syncBuiltinESMExports } from 'node:module';

const log = process.env.IAMWHY_PROBE_LOG;
const record = (what) => {
  if (log) appendFileSync(log, `${what}\n`);
};

const blocked = (name) =>
  function blockedNetworkCall() {
    record(`network: ${name}`);
    throw new Error(`network use blocked by the test: ${name}`);
  };
const block = (name, target, key) => {
  if (typeof target[key] === 'function') target[key] = blocked(name);
};
block('net.connect', net, 'connect');
block('net.createConnection', net, 'createConnection');
block('net.Socket.connect', net.Socket.prototype, 'connect');
block('tls.connect', tls, 'connect');
for (const [name, module] of [['http', http], ['https', https]]) {
  block(`${name}.request`, module, 'request');
  block(`${name}.get`, module, 'get');
}
block('http2.connect', http2, 'connect');
for (const key of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse']) {
  block(`dns.${key}`, dns, key);
  block(`dns.promises.${key}`, dns.promises, key);
}
block('dgram.createSocket', dgram, 'createSocket');
globalThis.fetch = blocked('fetch');

const watched = (process.env.IAMWHY_PROBE_WATCH ?? '').split(':').filter((path) => path !== '');
const watchPath = (name, target, key) => {
  const original = target[key];
  if (typeof original !== 'function') return;
  target[key] = function watchedFileCall(path, ...rest) {
    const text = typeof path === 'string' ? path : path instanceof URL ? path.pathname : Buffer.isBuffer(path) ? path.toString() : '';
    if (watched.some((file) => text === file || text.startsWith(`${file}/`))) record(`credentials: ${name} ${text}`);
    return original.call(this, path, ...rest);
  };
};
for (const key of ['open', 'openSync', 'readFile', 'readFileSync', 'stat', 'statSync', 'existsSync', 'access', 'accessSync', 'createReadStream']) watchPath(`fs.${key}`, fs, key);
for (const key of ['open', 'readFile', 'stat', 'access']) watchPath(`fs.promises.${key}`, fsPromises, key);
syncBuiltinESMExports();

const CREDENTIAL_VARIABLES = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|PROFILE|DEFAULT_PROFILE|SHARED_CREDENTIALS_FILE|CONFIG_FILE|CONTAINER_CREDENTIALS_RELATIVE_URI|CONTAINER_CREDENTIALS_FULL_URI|CONTAINER_AUTHORIZATION_TOKEN|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN|ROLE_SESSION_NAME|EC2_METADATA_DISABLED)$/;
process.env = new Proxy(process.env, {
  get(target, key, receiver) {
    if (typeof key === 'string' && CREDENTIAL_VARIABLES.test(key)) record(`credentials: env ${key}`);
    return Reflect.get(target, key, receiver);
  },
});
