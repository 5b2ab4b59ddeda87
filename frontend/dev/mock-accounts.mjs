// DEV ONLY: accounts for the mock API (dev/mock-server.mjs): sign-up, sign-in, tokens, saved scripts,
// each user's execution list. In memory; never used by a test.
import { randomUUID } from 'node:crypto';

const TOKEN_SECONDS = 3600;
const users = new Map(); // username → { user, password }
const tokens = new Map(); // token → user
const scripts = new Map(); // script_id → { owner, ...script }

export function ownerOf(req) {
  const [, token] = /^Bearer (.+)$/.exec(req.headers.authorization ?? '') ?? [];
  return token ? (tokens.get(token) ?? 'invalid') : null;
}

function grant(user) {
  const token = randomUUID();
  tokens.set(token, user);
  return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS, user };
}

function parse(body) {
  try {
    return JSON.parse(body);
  } catch {
    return {};
  }
}

/** Answers an accounts route and returns true, or returns false for the caller to go on. */
export function handleAccounts(req, res, body, { json, problem, executions, run }) {
  const path = (req.url ?? '').split('?')[0];
  const route = `${req.method} ${path.replace(/^\/api\/v1\/scripts\/[^/]+/, '/api/v1/scripts/:id')}`;
  const owner = ownerOf(req);
  if (owner === 'invalid') return problem(res, 401, 'Unauthorized', 'The token is not valid.'), true;
  const needUser = () => (owner ? false : (problem(res, 401, 'Unauthorized', 'Sign in first.'), true));
  const request = parse(body);
  const id = decodeURIComponent(path.split('/')[4] ?? '');
  const script = scripts.get(id);
  switch (route) {
    case 'GET /api/v1/auth/config':
      return json(res, 200, { registration_enabled: true, anonymous_enabled: true }), true;
    case 'POST /api/v1/auth/register': {
      if (!/^[A-Za-z0-9_.-]{3,32}$/.test(request.username ?? '')) return problem(res, 400, 'Registration refused', 'Invalid username.'), true;
      if ((request.password ?? '').length < 10) return problem(res, 400, 'Registration refused', 'The password is too short.'), true;
      if (users.has(request.username)) return problem(res, 400, 'Registration refused', `The username ${request.username} is taken.`), true;
      const user = { user_id: randomUUID(), username: request.username, roles: ['user'] };
      users.set(user.username, { user, password: request.password });
      return json(res, 201, grant(user)), true;
    }
    case 'POST /api/v1/auth/login': {
      const known = users.get(request.username);
      if (!known || known.password !== request.password) return problem(res, 401, 'Wrong username or password', 'Check both and try again.'), true;
      return json(res, 200, grant(known.user)), true;
    }
    case 'GET /api/v1/auth/me':
      return needUser() || json(res, 200, owner), true;
    case 'GET /api/v1/executions': {
      if (needUser()) return true;
      const params = new URL(req.url, 'http://mock').searchParams;
      const page = Number(params.get('page') ?? 0);
      const size = Number(params.get('size') ?? 20);
      const mine = [...executions.values()].filter((e) => e.owner === owner.username).reverse();
      const items = mine.slice(page * size, (page + 1) * size).map((e) => ({
        execution_id: e.execution_id, status: e.status, created_at: e.created_at, finished_at: e.finished_at,
        duration_ms: e.duration_ms, exit_code: e.exit_code, script_preview: e.script.split('\n').find((l) => l.trim()) ?? '',
      }));
      return json(res, 200, { items, page, size, total: mine.length }), true;
    }
    case 'GET /api/v1/scripts':
      return needUser() || json(res, 200, { items: [...scripts.values()].filter((s) => s.owner === owner.username) }), true;
    case 'POST /api/v1/scripts':
    case 'PUT /api/v1/scripts/:id': {
      if (needUser()) return true;
      if (route.startsWith('PUT') && script?.owner !== owner.username) return problem(res, 404, 'Script not found', id), true;
      const taken = [...scripts.values()].some((s) => s.owner === owner.username && s.name === request.name && s.script_id !== id);
      if (taken) return problem(res, 400, 'Name taken', `You already have a script named ${request.name}.`), true;
      const now = new Date().toISOString();
      const saved = {
        script_id: script?.script_id ?? randomUUID(), name: request.name, script: request.script, stdin: request.stdin ?? null,
        limits: request.limits ?? null, created_at: script?.created_at ?? now, updated_at: now,
      };
      scripts.set(saved.script_id, { ...saved, owner: owner.username });
      return json(res, script ? 200 : 201, saved), true;
    }
    case 'DELETE /api/v1/scripts/:id':
      if (needUser()) return true;
      if (script?.owner !== owner.username) return problem(res, 404, 'Script not found', id), true;
      scripts.delete(id);
      return res.writeHead(204).end(), true;
    case 'POST /api/v1/scripts/:id/run':
      if (needUser()) return true;
      if (script?.owner !== owner.username) return problem(res, 404, 'Script not found', id), true;
      return json(res, 202, run(script, owner.username)), true;
    default:
      return false;
  }
}
