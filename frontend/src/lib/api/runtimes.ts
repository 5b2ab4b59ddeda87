/** API client for what scripts run on: the sandbox image's Python and its curated packages. */
import { createHttpClient, type ApiClientOptions } from './http';

export interface RuntimePackage {
  /** What a script imports, e.g. `numpy`. */
  module: string;
  distribution?: string | null;
  version: string;
  debian_package?: string | null;
  debian_version?: string | null;
}

export interface Runtimes {
  image: string;
  debian_suite?: string | null;
  python: { implementation: string; version: string };
  packages: RuntimePackage[];
}

export interface RuntimesApi {
  get(): Promise<Runtimes>;
}

export function createRuntimesApi(options: ApiClientOptions = {}): RuntimesApi {
  const http = createHttpClient(options, { 404: 'Runtime information not found' });
  return {
    get: () => http.json<Runtimes>(`${http.baseUrl}/runtimes`),
  };
}
