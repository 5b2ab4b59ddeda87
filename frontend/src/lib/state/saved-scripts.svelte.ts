/** The signed-in user's saved scripts: listed from the server, saved, saved over, renamed, deleted. */
import { toApiError, type ApiError } from '../api/http';
import type { SavedScript, ScriptInput, ScriptsApi } from '../api/scripts';
import type { ExecutionAccepted, ExecutionRequest } from '../api/execution-types';

export class SavedScripts {
  items = $state<SavedScript[]>([]);
  loading = $state(false);
  /** The script an operation is under way for ('' while saving a new one). */
  pendingId = $state<string | null>(null);
  error = $state<ApiError | null>(null);

  #api: ScriptsApi;
  /** Bumped by every load and by clear(), so an answer that arrives after a sign-out is dropped. */
  #request = 0;

  constructor(api: ScriptsApi) {
    this.#api = api;
  }

  byName(name: string): SavedScript | undefined {
    const wanted = name.trim();
    return this.items.find((item) => item.name === wanted);
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    this.error = null;
    try {
      const items = await this.#api.list();
      if (request === this.#request) this.items = sortByName(items);
    } catch (error) {
      if (request === this.#request) this.error = toApiError(error);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  /** Saves the editor's content under a name; an existing name is saved over. */
  save(name: string, request: ExecutionRequest): Promise<SavedScript | null> {
    const input: ScriptInput = { ...request, name: name.trim() };
    const existing = this.byName(input.name);
    return existing ? this.#update(existing, input) : this.#change('', () => this.#api.create(input));
  }

  rename(script: SavedScript, name: string): Promise<SavedScript | null> {
    return this.#update(script, { ...inputOf(script), name: name.trim() });
  }

  async remove(script: SavedScript): Promise<boolean> {
    const removed = await this.#change(script.script_id, async () => {
      await this.#api.remove(script.script_id);
      return script;
    });
    if (removed !== null) this.items = this.items.filter((item) => item.script_id !== script.script_id);
    return removed !== null;
  }

  /** Asks the server to run a saved script as it is stored. */
  start(script: SavedScript): Promise<ExecutionAccepted> {
    return this.#api.run(script.script_id);
  }

  clear(): void {
    this.#request++;
    this.items = [];
    this.loading = false;
    this.error = null;
  }

  #update(script: SavedScript, input: ScriptInput): Promise<SavedScript | null> {
    return this.#change(script.script_id, () => this.#api.update(script.script_id, input));
  }

  async #change(id: string, operation: () => Promise<SavedScript>): Promise<SavedScript | null> {
    if (this.pendingId !== null) return null;
    this.pendingId = id;
    this.error = null;
    try {
      const saved = await operation();
      const others = this.items.filter((item) => item.script_id !== saved.script_id);
      this.items = sortByName([...others, saved]);
      return saved;
    } catch (error) {
      this.error = toApiError(error);
      return null;
    } finally {
      this.pendingId = null;
    }
  }
}

/** A saved script as what the editor runs. */
export function requestOf(script: SavedScript): ExecutionRequest {
  const request: ExecutionRequest = { script: script.script };
  if (script.stdin) request.stdin = script.stdin;
  if (script.limits && Object.keys(script.limits).length > 0) request.limits = script.limits;
  return request;
}

function inputOf(script: SavedScript): ScriptInput {
  return { ...requestOf(script), name: script.name };
}

function sortByName(items: SavedScript[]): SavedScript[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}
