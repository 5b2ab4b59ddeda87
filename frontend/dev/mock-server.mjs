// DEV ONLY: a stand-in for the Integr8sCode API so `npm run dev` works before the backend does.
// It never runs the script: it fakes plausible results from its text. Tests do not use it.
// Run: npm run mock-server   (listens on 127.0.0.1:8090; vite's dev proxy forwards /api here)
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { handleAccounts, ownerOf } from './mock-accounts.mjs';

const PORT = Number(process.env.MOCK_PORT ?? 8090);
const DEFAULT_LIMITS = { timeout_seconds: 10, memory_mb: 128, cpu_millicores: 500 };
const executions = new Map();
const listeners = new Map();
const timers = new Map(); // execution id -> its pending status changes, cleared by a cancel
const TERMINAL = ['completed', 'failed', 'timeout', 'cancelled'];

function problem(res, status, title, detail, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function fakeResult(script, stdin, limits) {
  if (/while True/.test(script) && !/chunks\.append/.test(script)) {
    return { status: 'timeout', output: '', errors: '', exit_code: null, failure_reason: `wall time limit of ${limits.timeout_seconds} s exceeded`, duration_ms: limits.timeout_seconds * 1000 };
  }
  if (/chunks\.append/.test(script)) {
    return { status: 'failed', output: 'holding 16 MiB\nholding 32 MiB\nholding 48 MiB\n', errors: '', exit_code: 137, failure_reason: `memory limit of ${limits.memory_mb} MB exceeded (killed)`, duration_ms: 140 };
  }
  const printed = [...script.matchAll(/print\(f?"([^"]*)"/g)].map((match) => match[1]).join('\n');
  const echoed = /sys\.stdin/.test(script) ? (stdin ?? '').split('\n').filter(Boolean).map((line, i) => `${i + 1}: ${line}`).join('\n') : '';
  const output = [printed, echoed].filter(Boolean).join('\n') + '\n';
  const raised = /raise (\w+)\((?:f?"([^"]*)")?/.exec(script);
  if (raised) {
    const errors = `Traceback (most recent call last):\n  File "/sandbox/main.py", line 1, in <module>\n${raised[1]}: ${raised[2] ?? ''}\n`;
    return { status: 'failed', output, errors, exit_code: 1, failure_reason: 'exited with code 1', duration_ms: 31 };
  }
  return { status: 'completed', output, errors: '', exit_code: 0, failure_reason: null, duration_ms: 27 };
}

function update(execution, changes) {
  Object.assign(execution, changes, { updated_at: new Date().toISOString() });
  for (const send of listeners.get(execution.execution_id) ?? []) send(execution);
}

function schedule(execution) {
  const running = setTimeout(() => update(execution, { status: 'running', started_at: new Date().toISOString() }), 400);
  const result = fakeResult(execution.script, execution.stdin, execution.limits);
  const runFor = result.status === 'timeout' ? result.duration_ms : 600;
  const finished = setTimeout(() => {
    timers.delete(execution.execution_id);
    update(execution, {
      ...result,
      finished_at: new Date().toISOString(),
      resource_usage: { cpu_time_ms: Math.round(result.duration_ms * 0.8), max_rss_kb: 9216 },
    });
  }, 400 + runFor);
  timers.set(execution.execution_id, [running, finished]);
}

function cancel(res, execution) {
  if (TERMINAL.includes(execution.status)) {
    return problem(res, 409, 'Execution already finished', `Execution ${execution.execution_id} is ${execution.status}.`);
  }
  for (const timer of timers.get(execution.execution_id) ?? []) clearTimeout(timer);
  timers.delete(execution.execution_id);
  const wasRunning = execution.status === 'running';
  update(execution, {
    status: 'cancelled', finished_at: new Date().toISOString(),
    failure_reason: wasRunning ? 'cancelled while running' : 'cancelled before it started',
  });
  return json(res, 202, { execution_id: execution.execution_id, status: 'cancelled' });
}

function create(req, res, body) {
  if (!(req.headers['content-type'] ?? '').includes('application/json')) return problem(res, 415, 'Unsupported media type', 'Send application/json.');
  let request;
  try {
    request = JSON.parse(body);
  } catch {
    return problem(res, 400, 'Invalid request', 'The body is not valid JSON.');
  }
  if (typeof request.script !== 'string' || request.script.trim() === '') return problem(res, 400, 'Invalid request', 'script must not be empty.');
  if ((request.limits?.timeout_seconds ?? 0) > 60) return problem(res, 400, 'Invalid limits', 'timeout_seconds must be at most 60.');
  if (request.script.includes('MOCK_429')) return problem(res, 429, 'Too many requests', 'Slow down a little.', { 'Retry-After': '7' });
  const accepted = start(request, ownerOf(req)?.username ?? null);
  json(res, 202, accepted, { Location: `/api/v1/executions/${accepted.execution_id}` });
}

function start(request, owner) {
  const now = new Date().toISOString();
  const execution = {
    execution_id: randomUUID(), status: 'queued', script: request.script, stdin: request.stdin ?? null,
    output: '', errors: '', exit_code: null, failure_reason: null, output_truncated: false,
    limits: { ...DEFAULT_LIMITS, ...request.limits }, runner: 'mock', created_at: now, updated_at: now,
    started_at: null, finished_at: null, duration_ms: null, owner,
  };
  executions.set(execution.execution_id, execution);
  schedule(execution);
  return { execution_id: execution.execution_id, status: 'queued' };
}

function events(res, execution) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const send = (current) => {
    res.write(`event: status\ndata: ${JSON.stringify(current)}\n\n`);
    if (TERMINAL.includes(current.status)) {
      listeners.get(current.execution_id)?.delete(send);
      res.end();
    }
  };
  listeners.set(execution.execution_id, (listeners.get(execution.execution_id) ?? new Set()).add(send));
  res.on('close', () => listeners.get(execution.execution_id)?.delete(send));
  send(execution);
}

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (handleAccounts(req, res, body, { json, problem, executions, run: start })) return;
    const [, id, tail] = /^\/api\/v1\/executions(?:\/([^/]+))?(\/events|\/cancel)?$/.exec(req.url ?? '') ?? [];
    if (req.method === 'POST' && req.url === '/api/v1/executions') return create(req, res, body);
    const execution = id && executions.get(id);
    const cancelling = req.method === 'POST' && tail === '/cancel';
    if ((req.method !== 'GET' && !cancelling) || !id) return problem(res, 404, 'Not found', `No route for ${req.method} ${req.url}.`);
    if (!execution) return problem(res, 404, 'Execution not found', `No execution has the id ${id}.`);
    if (cancelling) return cancel(res, execution);
    return tail ? events(res, execution) : json(res, 200, execution);
  });
}).listen(PORT, '127.0.0.1', () => console.log(`mock Integr8sCode API on http://127.0.0.1:${PORT}`));
