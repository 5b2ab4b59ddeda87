/**
 * The artifacts of the execution on screen: listed once it has finished, its images fetched (with the user's token)
 * and shown from object URLs, other files downloaded on request. Showing another execution drops the previous one's
 * URLs; an answer for an execution no longer on screen is ignored.
 */
import { isInlineImage, type Artifact, type ArtifactsApi, type RefusedArtifact } from '../api/artifacts';
import { isTerminal, type ExecutionSnapshot } from '../api/execution-types';
import { toApiError, type ApiError } from '../api/http';

export interface ShownImage {
  artifact: Artifact;
  url: string;
}

/** What creates and revokes object URLs: the browser's URL by default, a fake in tests. */
export interface ObjectUrls {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

export class ExecutionArtifacts {
  executionId = $state<string | null>(null);
  files = $state<Artifact[]>([]);
  refused = $state<RefusedArtifact[]>([]);
  images = $state<ShownImage[]>([]);
  error = $state<ApiError | null>(null);
  /** Files that are not shown inline: offered for download. */
  readonly downloads: Artifact[];

  #api: ArtifactsApi;
  #urls: ObjectUrls;
  #loaded: string | null = null;
  /** Counts resets: a load begun before the latest one is stale, even for the same execution. */
  #generation = 0;

  constructor(api: ArtifactsApi, urls: ObjectUrls = URL) {
    this.#api = api;
    this.#urls = urls;
    this.downloads = $derived(this.files.filter((artifact) => !isInlineImage(artifact)));
  }

  /** Called with every snapshot of the execution on screen: lists its artifacts once it has finished. */
  follow(snapshot: ExecutionSnapshot): void {
    if (snapshot.execution_id !== this.executionId) this.#reset(snapshot.execution_id);
    if (isTerminal(snapshot.status) && this.#loaded !== snapshot.execution_id) {
      this.#loaded = snapshot.execution_id;
      void this.#load(snapshot.execution_id, this.#generation);
    }
  }

  /** The file's bytes as an object URL for a download link; null (and the error shown) if it cannot be fetched. */
  async downloadUrl(artifact: Artifact): Promise<string | null> {
    const executionId = this.executionId;
    if (executionId === null) return null;
    try {
      return this.#urls.createObjectURL(await this.#api.file(executionId, artifact.name));
    } catch (error) {
      this.error = toApiError(error);
      return null;
    }
  }

  releaseDownload(url: string): void {
    this.#urls.revokeObjectURL(url);
  }

  dispose(): void {
    this.#reset(null);
  }

  async #load(executionId: string, generation: number): Promise<void> {
    try {
      const list = await this.#api.list(executionId);
      if (generation !== this.#generation) return;
      this.files = list.items;
      this.refused = list.refused;
      for (const artifact of list.items.filter(isInlineImage)) {
        const blob = await this.#api.file(executionId, artifact.name);
        if (generation !== this.#generation) return;
        this.images = [...this.images, { artifact, url: this.#urls.createObjectURL(blob) }];
      }
    } catch (error) {
      if (generation === this.#generation) this.error = toApiError(error);
    }
  }

  #reset(executionId: string | null): void {
    for (const image of this.images) this.#urls.revokeObjectURL(image.url);
    this.#generation += 1;
    this.executionId = executionId;
    this.#loaded = null;
    this.files = [];
    this.refused = [];
    this.images = [];
    this.error = null;
  }
}
