// A scripted OpenAI-compatible model server on 127.0.0.1, for the browser tests of what the
// page shows when the model fails and when it works again. It streams one fixed reply (with a
// requirement block split across chunks, as a real model's tags are) unless told to fail.

import { once } from 'node:events';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { NexusServer, nexusBinary } from '../../support/nexus-server.mjs';

export const MODEL_REPLY_TEXT = 'Understood: signing in with Google is a must.\n\nWho may invite new members to a team?';
export const MODEL_REQUIREMENT = 'Users must sign in with Google.';
const REPLY = `${MODEL_REPLY_TEXT}
<requirement>
  <text>${MODEL_REQUIREMENT}</text>
  <category>functional</category>
  <priority>must</priority>
  <confidence>0.9</confidence>
  <area>authentication</area>
</requirement>`;
const CHUNK_CHARS = 12;

export async function startModelServer() {
  const failures = []; // {status, body} for each of the next requests
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      const failure = failures.shift();
      if (failure) {
        response.writeHead(failure.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: failure.message, type: failure.type } }));
        return;
      }
      streamReply(response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
    /** The next `count` requests fail with `status`. */
    failNext(count, status, message = 'the model is overloaded', type = 'server_error') {
      for (let i = 0; i < count; i++) failures.push({ status, message, type });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function streamReply(response) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (chunk) => response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  for (let i = 0; i < REPLY.length; i += CHUNK_CHARS) {
    send({ model: 'scripted-model', choices: [{ index: 0, delta: { content: REPLY.slice(i, i + CHUNK_CHARS) } }] });
  }
  send({ model: 'scripted-model', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  response.end('data: [DONE]\n\n');
}

/** `nexus serve` in memory with the OpenAI-compatible backend at `baseUrl`. */
export async function startNexusWithModel(baseUrl) {
  const child = spawn(nexusBinary(), ['--db', ':memory:', '--llm', 'openai', 'serve', '--port', '0'], {
    env: { ...process.env, OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text) => { stderr += text; });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`nexus serve exited (${code}) before serving:\n${stderr}`);
  });
  const [line] = await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exited]);
  exited.catch(() => {});
  const url = /^Nexus Interview is serving at (\S+)$/.exec(line)?.[1];
  if (!url) {
    child.kill('SIGKILL');
    throw new Error(`nexus serve printed an unexpected line: ${line}`);
  }
  process.once('exit', () => child.kill('SIGKILL'));
  return new NexusServer(child, url, () => stderr);
}
