// The API surface has one source: the server's dispatcher table, which rpc.discover describes.
// web/nexus-api.js and web/nexus-api.d.ts must offer every method, event type and error code
// (number and spelling) the running server has, and nothing it does not; a failure names what
// is missing, and where.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { EVENT_TYPES, ErrorCode, ErrorKind, connectTo, createNexusAPI } from '../support/client.mjs';
import { loadDeclarations } from '../support/declarations.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';
import { RecordingSocket } from '../support/recording-socket.mjs';

let server;
let api; // what rpc.discover says: {methods, errors: [{spelling, code}], events}

before(async () => {
  server = await startNexusServer();
  const nexusAPI = connectTo(server);
  try {
    // Through call(): a client that lacks rpc.discover is what a test below reports.
    api = describedApi(await nexusAPI.call('rpc.discover'));
  } finally {
    await nexusAPI.close();
  }
});

after(async () => {
  await server?.stop();
});

function describedApi(document) {
  return {
    methods: document.methods.map((method) => method.name),
    errors: Object.entries(document.components.errors).map(([spelling, error]) => ({ spelling, code: error.code })),
    events: document['x-events'],
  };
}

// The server's method `group:name` (or `group.name`) is the client's `group.name`.
function memberOf(method) {
  const [group, name] = method.split(/[:.]/, 2);
  return { group, name, path: `nexusAPI.${group}.${name}` };
}

/** Fails listing every problem, one a line, after `what`. */
function assertNone(problems, what) {
  assert.ok(problems.length === 0, `${what}:\n  ${problems.join('\n  ')}`);
}

/** `had` less `wanted` and `wanted` less `had`, as problems. */
function differences(had, wanted, { missing, extra }) {
  return [
    ...wanted.filter((item) => !had.includes(item)).map(missing),
    ...had.filter((item) => !wanted.includes(item)).map(extra),
  ];
}

test('rpc.discover describes the methods, every error with its number and spelling, and the events', async () => {
  assert.ok(api.methods.includes('rpc.discover') && api.methods.includes('interview:sendMessage'));
  for (const { spelling, code } of api.errors) {
    assert.match(spelling, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(Number.isInteger(code) && code < 0, `${spelling}: ${code}`);
  }
  assert.ok(api.errors.some((error) => error.code === -32006), 'the busy code is described');
  assert.ok(api.events.includes('system:error'));
});

// ---- web/nexus-api.js -----------------------------------------------------------------------

// Each member of each group called once, against a socket that records what is sent.
async function methodsCalledByMembers() {
  RecordingSocket.made.length = 0;
  const nexusAPI = createNexusAPI({ url: 'ws://recorder.invalid/rpc', WebSocket: RecordingSocket, reconnect: false });
  const called = new Map(); // 'group.name' → the method it sent
  try {
    const [socket] = RecordingSocket.made;
    for (const [group, members] of Object.entries(nexusAPI)) {
      if (!isGroup(members)) continue;
      for (const [name, member] of Object.entries(members)) {
        const sentBefore = socket.methods.length;
        await member();
        called.set(`${group}.${name}`, socket.methods.slice(sentBefore));
      }
    }
  } finally {
    await nexusAPI.close();
  }
  return { nexusAPI, called };
}

// A group of methods (interview, system, …), not status or a function of the client's own.
function isGroup(value) {
  return typeof value === 'object' && value !== null && Object.values(value).length > 0 &&
    Object.values(value).every((member) => typeof member === 'function');
}

test('nexus-api.js has a member for every method of the server, and each calls that method', async () => {
  const { nexusAPI, called } = await methodsCalledByMembers();
  const problems = [];
  for (const method of api.methods) {
    const { group, name, path } = memberOf(method);
    if (typeof nexusAPI[group]?.[name] !== 'function') {
      problems.push(`no ${path}() for the server's method ${method}`);
    } else if (called.get(`${group}.${name}`)?.join() !== method) {
      problems.push(`${path}() calls ${called.get(`${group}.${name}`)?.join(', ') || 'nothing'}, not ${method}`);
    }
  }
  for (const [member, methods] of called) {
    if (!methods.every((method) => api.methods.includes(method))) {
      problems.push(`nexusAPI.${member}() calls ${methods.join(', ')}, which the server does not have`);
    }
  }
  assertNone(problems, 'web/nexus-api.js and the server\'s methods differ');
});

test('nexus-api.js exports every error code of the server, as a number and as a spelling', () => {
  const numbers = Object.values(ErrorCode).filter((code) => typeof code === 'number');
  const problems = [
    ...differences(numbers, [...new Set(api.errors.map((error) => error.code))], {
      missing: (code) => `ErrorCode has no ${code} (${api.errors.filter((e) => e.code === code).map((e) => e.spelling).join(', ')})`,
      extra: (code) => `ErrorCode has ${code}, which the server never answers with`,
    }),
    ...differences(Object.values(ErrorKind), api.errors.map((error) => error.spelling), {
      missing: (spelling) => `ErrorKind has no '${spelling}'`,
      extra: (spelling) => `ErrorKind has '${spelling}', which the server does not spell`,
    }),
  ];
  assertNone(problems, 'web/nexus-api.js and the server\'s errors differ');
});

test('nexus-api.js exports every event type of the server', () => {
  assertNone(differences([...EVENT_TYPES], api.events, {
    missing: (type) => `EVENT_TYPES has no '${type}'`,
    extra: (type) => `EVENT_TYPES has '${type}', which the server never sends`,
  }), 'web/nexus-api.js and the server\'s events differ');
});

// ---- web/nexus-api.d.ts ---------------------------------------------------------------------

const declarations = await loadDeclarations();
const skip = declarations ? false : 'no TypeScript in web/node_modules (scripts/install-deps.sh installs it)';

test('nexus-api.d.ts declares a method of NexusAPI for every method of the server', { skip }, () => {
  const nexusAPI = declarations.type('NexusAPI');
  const problems = [];
  for (const method of api.methods) {
    const { group, name, path } = memberOf(method);
    const groupType = declarations.property(nexusAPI, group);
    const member = groupType && declarations.property(groupType, name);
    if (!member || !declarations.isCallable(member)) problems.push(`NexusAPI declares no ${path}() for ${method}`);
  }
  for (const [group, groupType] of declarations.properties(nexusAPI)) {
    const members = declarations.properties(groupType);
    if (members.length === 0 || !members.every(([, type]) => declarations.isCallable(type))) continue;
    for (const [name] of members) {
      const known = api.methods.some((method) => memberOf(method).path === `nexusAPI.${group}.${name}`);
      if (!known) problems.push(`NexusAPI declares nexusAPI.${group}.${name}(), which no method of the server is`);
    }
  }
  assertNone(problems, 'web/nexus-api.d.ts and the server\'s methods differ');
});

test('nexus-api.d.ts declares every error code of the server, as a number and as a spelling', { skip }, () => {
  const numbers = declarations.properties(declarations.valueType('ErrorCode'))
    .flatMap(([, type]) => declarations.literals(type)).filter((code) => typeof code === 'number');
  const kinds = declarations.literals(declarations.type('NexusErrorKind'));
  const declaredConstants = declarations.properties(declarations.valueType('ErrorKind'))
    .flatMap(([, type]) => declarations.literals(type));
  const spellings = api.errors.map((error) => error.spelling);
  const problems = [
    ...differences(numbers, [...new Set(api.errors.map((error) => error.code))], {
      missing: (code) => `ErrorCode declares no ${code}`,
      extra: (code) => `ErrorCode declares ${code}, which the server never answers with`,
    }),
    ...differences(kinds, spellings, {
      missing: (spelling) => `NexusErrorKind has no '${spelling}'`,
      extra: (spelling) => `NexusErrorKind has ${JSON.stringify(spelling)}, which the server does not spell`,
    }),
    ...differences(declaredConstants, spellings, {
      missing: (spelling) => `ErrorKind declares no '${spelling}'`,
      extra: (spelling) => `ErrorKind declares ${JSON.stringify(spelling)}, which the server does not spell`,
    }),
  ];
  assertNone(problems, 'web/nexus-api.d.ts and the server\'s errors differ');
});

test('nexus-api.d.ts declares every event type, and system:error\'s code as the server\'s spellings', { skip }, () => {
  const payloads = declarations.type('NexusEventPayloads');
  const problems = differences(declarations.literals(declarations.type('NexusEventType')), api.events, {
    missing: (type) => `NexusEventType has no '${type}'`,
    extra: (type) => `NexusEventType has ${JSON.stringify(type)}, which the server never sends`,
  });
  for (const type of api.events) {
    if (!declarations.property(payloads, type)) problems.push(`NexusEventPayloads declares no payload of '${type}'`);
  }
  const systemError = declarations.property(payloads, 'system:error');
  const code = systemError && declarations.property(systemError, 'code');
  const codes = code ? declarations.literals(code) : [];
  if (!systemError) {
    // told above
  } else if (!code) {
    problems.push('system:error\'s payload declares no code');
  } else if (codes.some((value) => typeof value !== 'string' || value.startsWith('<'))) {
    problems.push(`system:error's code is ${codes.join(' | ')}, not the union of the server's spellings`);
  } else {
    problems.push(...differences(codes, api.errors.map((error) => error.spelling), {
      missing: (spelling) => `system:error's code does not allow '${spelling}'`,
      extra: (spelling) => `system:error's code allows ${JSON.stringify(spelling)}, which the server does not spell`,
    }));
  }
  assertNone(problems, 'web/nexus-api.d.ts and the server\'s events differ');
});
