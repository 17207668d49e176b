// Preloaded into the Electronegativity scanner (node --require) by scripts/electronegativity.mjs.
// The scanner writes its CSV report with two async fs.writeFile calls issued in the same tick: the header
// (which truncates the file) and the findings (appended). They race on libuv's thread pool, so the report
// sometimes held only the header (no findings: a silent pass) or a torn row. Doing each write at once, in
// the order the scanner asks for it, makes the report whole every time.
'use strict';
const fs = require('node:fs');
const process = require('node:process');

const asyncWriteFile = fs.writeFile;
fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  if (typeof done !== 'function') return asyncWriteFile.apply(fs, arguments);
  let error = null;
  try {
    fs.writeFileSync(file, data, opts);
  } catch (e) {
    error = e;
  }
  process.nextTick(done, error);
};
