// The worker's program, kept as text: it runs with `eval`, so it needs no file of its own next to
// the bundled engine. User code runs in a separate V8 context whose only globals are the language's
// own; the API object is built inside that context and talks to the worker through one captured
// function that takes and returns strings, so no object of the worker's realm (and so no way to
// `require`, `process` or `import`) is reachable from a script.
export const scriptWorkerSource = String.raw`
const { parentPort } = require('node:worker_threads');
const vm = require('node:vm');
const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
let current = 0;
const bridge = vm.runInContext(${'`'}(function (post) {
  'use strict';
  const pending = new Map();
  let next = 0;
  const call = (op, args) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    post(JSON.stringify({ id, op, args }));
  });
  const twins = Object.freeze({
    get: (id) => call('get', [String(id)]),
    patch: (id, patch) => call('patch', [String(id), JSON.parse(JSON.stringify(patch))]),
    query: (text) => call('query', [String(text)]),
    publish: (type, data) => call('publish', [String(type), JSON.parse(JSON.stringify(data === undefined ? null : data))]),
    log: (...parts) => { post(JSON.stringify({ id: 0, op: 'log', args: [parts.map(String).join(' ')] })); },
  });
  return Object.freeze({
    deliver(text) {
      const reply = JSON.parse(text);
      const entry = pending.get(reply.id);
      if (!entry) return;
      pending.delete(reply.id);
      if (reply.ok) entry.resolve(reply.value);
      else entry.reject(new Error(reply.error));
    },
    run(handler, eventText) {
      return Promise.resolve().then(() => handler(JSON.parse(eventText), twins)).then(() => '', (error) => String(error && error.stack ? error.message : error));
    },
  });
})${'`'}, context)((text) => parentPort.postMessage({ type: 'call', seq: current, text }));
const handlers = new Map();
parentPort.on('message', (message) => {
  if (message.type === 'reply') return bridge.deliver(message.text);
  current = message.seq;
  let handler = handlers.get(message.key);
  try {
    if (!handler) {
      handler = vm.runInContext('(async function (event, twins) {\n' + message.code + '\n})', context, { filename: 'rule-' + message.ruleId + '.js' });
      handlers.set(message.key, handler);
    }
  } catch (error) {
    parentPort.postMessage({ type: 'done', seq: message.seq, error: String(error && error.message) });
    return;
  }
  bridge.run(handler, message.event).then((error) => parentPort.postMessage({ type: 'done', seq: message.seq, error }));
});
`;
