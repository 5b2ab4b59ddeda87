/** API client for saved scripts: list, save, save over, delete and run one. */
import { jsonBody, requestEmpty, requestJson, resolveClient, type ApiClientOptions } from './http';
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
  const { baseUrl, fetchImpl } = resolveClient(options);
  const collection = `${baseUrl}/scripts`;
  const scriptUrl = (id: string) => `${collection}/${encodeURIComponent(id)}`;
  return {
    list: async () => (await requestJson<{ items: SavedScript[] }>(fetchImpl, collection)).items,
    create: (input) => requestJson<SavedScript>(fetchImpl, collection, jsonBody('POST', input)),
    update: (id, input) => requestJson<SavedScript>(fetchImpl, scriptUrl(id), jsonBody('PUT', input)),
    remove: (id) => requestEmpty(fetchImpl, scriptUrl(id), { method: 'DELETE' }),
    run: (id) => requestJson<ExecutionAccepted>(fetchImpl, `${scriptUrl(id)}/run`, { method: 'POST' }),
  };
}
