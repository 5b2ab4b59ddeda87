/** What scripts run on (Python and its packages), fetched once for the editor's footer. */
import type { Runtimes, RuntimesApi } from '../api/runtimes';
import { toApiError, type ApiError } from '../api/http';

export class RuntimeInfo {
  runtimes = $state<Runtimes | null>(null);
  error = $state<ApiError | null>(null);

  /** "Python 3.11.2", or null until known. */
  readonly pythonLabel: string | null;
  /** Package names in the server's order, for the one-line summary. */
  readonly packageNames: string[];

  #api: RuntimesApi;

  constructor(api: RuntimesApi) {
    this.#api = api;
    this.pythonLabel = $derived(this.runtimes ? `Python ${this.runtimes.python.version}` : null);
    this.packageNames = $derived(this.runtimes?.packages.map((pkg) => pkg.module) ?? []);
  }

  async load(): Promise<void> {
    try {
      this.runtimes = await this.#api.get();
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    }
  }
}
