// Runs a real `nexus serve` for a test file: in memory, with the offline analyst unless told
// another backend, on a free port unless told one. The binary is $NEXUS_BINARY (ctest sets it),
// else build/nexus of the checkout.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVING_LINE = /^Nexus Interview is serving at (\S+)$/;
const START_TIMEOUT_MS = 30_000; // only against a hang: a start takes milliseconds
const STOP_TIMEOUT_MS = 30_000;

const running = new Set();
// A test that fails half-way must not leave a server behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function nexusBinary() {
  const binary = process.env.NEXUS_BINARY ?? fileURLToPath(new URL('../../../build/nexus', import.meta.url));
  if (!existsSync(binary)) {
    throw new Error(`no nexus executable at ${binary}: build it, or set NEXUS_BINARY to its path`);
  }
  return binary;
}

/**
 * Starts `nexus serve` and waits for its one line on stdout.
 * @param {{port?: number, token?: string, noAuth?: boolean, llm?: string, env?: Record<string, string>}} [options]
 *   llm: the --llm backend (its settings in env, e.g. OPENAI_BASE_URL); env: added to this process's
 * @returns {Promise<NexusServer>}
 */
export async function startNexusServer({ port = 0, token, noAuth = false, llm = 'offline', env = {} } = {}) {
  const args = ['--db', ':memory:', '--llm', llm, 'serve', '--port', String(port)];
  if (token !== undefined) args.push('--token', token);
  if (noAuth) args.push('--no-auth');
  // A token or autosave interval set in a developer's shell must not change the server a test asked for.
  const { NEXUS_TOKEN, NEXUS_AUTOSAVE_MS, ...inherited } = process.env;
  const child = spawn(nexusBinary(), args, { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));

  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text) => { stderr += text; });
  try {
    const url = await servingUrl(child, () => stderr);
    return new NexusServer(child, url, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function servingUrl(child, stderr) {
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code, signal]) => {
    throw new Error(`nexus serve exited (${code ?? signal}) before serving:\n${stderr()}`);
  });
  const timedOut = new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`nexus serve printed no address within ${START_TIMEOUT_MS} ms:\n${stderr()}`)),
      START_TIMEOUT_MS).unref();
  });
  const served = (async () => {
    for await (const line of lines) {
      const match = SERVING_LINE.exec(line);
      if (match) return match[1];
      throw new Error(`nexus serve printed an unexpected line: ${line}`);
    }
    return new Promise(() => {}); // stdout closed: the exit says why
  })();
  try {
    return await Promise.race([served, exited, timedOut]);
  } finally {
    exited.catch(() => {});
  }
}

export class NexusServer {
  #child;
  #stderr;

  constructor(child, url, stderr) {
    this.#child = child;
    this.#stderr = stderr;
    /** The address printed: http://127.0.0.1:PORT/?token=TOKEN (no token with --no-auth). */
    this.url = url;
    const parsed = new URL(url);
    this.port = Number(parsed.port);
    this.token = parsed.searchParams.get('token') ?? undefined;
    /** Where the JS client connects. */
    this.rpcUrl = `ws://${parsed.host}/rpc`;
    this.httpOrigin = parsed.origin;
  }

  get pid() {
    return this.#child.pid;
  }

  get stderr() {
    return this.#stderr();
  }

  /** Sends the signal and waits for the process to end: SIGTERM stops gracefully, SIGKILL drops everything. */
  async stop(signal = 'SIGTERM') {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = once(this.#child, 'exit');
    this.#child.kill(signal);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a signal without waiting for its effect. */
  signal(signal) {
    this.#child.kill(signal);
  }

  /** Stops the process (SIGSTOP) and waits until every thread of it has stopped: it answers nothing until thaw(). */
  async freeze() {
    this.signal('SIGSTOP');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (!allThreadsStopped(this.pid)) {
      if (Date.now() > deadline) throw new Error(`nexus serve (${this.pid}) did not stop on SIGSTOP`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  thaw() {
    this.signal('SIGCONT');
  }
}

// Linux: the state letter of each thread in /proc, "T" once stopped by a signal.
function allThreadsStopped(pid) {
  const tasks = readdirSync(`/proc/${pid}/task`);
  return tasks.every((task) => {
    const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  });
}
