#!/usr/bin/env node
'use strict';
// Builds the native addon with cargo and installs it where the napi-rs loader (native.js) looks:
// ./sequelize-rs.<platform>-<arch>[-<abi>].node — the same file `napi build --platform` writes.
//
//   node scripts/build.js            release build (LTO; what `npm run build` does)
//   node scripts/build.js --debug    debug build (what the tests use when no addon is built)
//
// Kept dependency-free on purpose: `npm ci` then installs nothing, and a machine with cargo needs
// nothing else. (`npx @napi-rs/cli build --platform --js native.js --dts native.d.ts` produces the
// same files and regenerates native.js / native.d.ts.)

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const debug = process.argv.includes('--debug');

function platformSuffix() {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const report = process.report && process.report.getReport ? process.report.getReport() : null;
    const glibc = report && report.header && report.header.glibcVersionRuntime;
    return `linux-${arch}-${glibc ? 'gnu' : 'musl'}`;
  }
  if (platform === 'darwin') return `darwin-${arch}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function libraryName() {
  if (process.platform === 'darwin') return 'libsequelize_rs.dylib';
  if (process.platform === 'win32') return 'sequelize_rs.dll';
  return 'libsequelize_rs.so';
}

const args = ['build', '--lib'];
if (!debug) args.push('--release');
console.log(`[build] cargo ${args.join(' ')}`);
const res = spawnSync('cargo', args, { cwd: REPO, stdio: 'inherit' });
if (res.status !== 0) process.exit(res.status || 1);

const from = path.join(REPO, 'target', debug ? 'debug' : 'release', libraryName());
const to = path.join(REPO, `sequelize-rs.${platformSuffix()}.node`);
// Copy to a temp name and rename, so a running process never sees a half-written file.
fs.copyFileSync(from, `${to}.tmp`);
fs.renameSync(`${to}.tmp`, to);
console.log(`[build] ${path.relative(REPO, to)} (${(fs.statSync(to).size / 1e6).toFixed(1)} MB, ${debug ? 'debug' : 'release'})`);
