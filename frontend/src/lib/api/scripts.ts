/** API client for saved scripts: list, save, save over, delete and run one. */
import { createHttpClient, jsonBody, type ApiClientOptions } from './http';
import type { ExecutionAccepted, ExecutionLimits } from './execution-types';

export interface SavedScript {
  script_id: string;
  name: string;
  script: string;
  stdin: string | null;
  limits: Partial<ExecutionLimits> | null;
  created_at: string;
  updated_at: string;
}

export interface ScriptInput {
  name: string;
  script: string;
  stdin?: string;
  limits?: Partial<ExecutionLimits>;
}

export interface ScriptsApi {
  list(): Promise<SavedScript[]>;
  create(input: ScriptInput): Promise<SavedScript>;
  update(scriptId: string, input: ScriptInput): Promise<SavedScript>;
  remove(scriptId: string): Promise<void>;
  run(scriptId: string): Promise<ExecutionAccepted>;
}

export function createScriptsApi(options: ApiClientOptions = {}): ScriptsApi {
  const http = createHttpClient(options, { 404: 'Saved script not found' });
  const collection = `${http.baseUrl}/scripts`;
  const scriptUrl = (id: string) => `${collection}/${encodeURIComponent(id)}`;
  return {
    list: async () => (await http.json<{ items: SavedScript[] }>(collection)).items,
    create: (input) => http.json<SavedScript>(collection, jsonBody('POST', input)),
    update: (id, input) => http.json<SavedScript>(scriptUrl(id), jsonBody('PUT', input)),
    remove: (id) => http.empty(scriptUrl(id), { method: 'DELETE' }),
    run: (id) => http.json<ExecutionAccepted>(`${scriptUrl(id)}/run`, { method: 'POST' }),
  };
}
