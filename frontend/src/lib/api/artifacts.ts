/** API client for an execution's artifacts: the files its script left in /tmp/outputs (plots, data). */
import { createHttpClient, type ApiClientOptions } from './http';

export interface Artifact {
  name: string;
  media_type: string;
  size: number;
}

/** An entry of the output folder the sandbox did not collect (a link, a FIFO, over a cap…), and why. */
export interface RefusedArtifact {
  name: string;
  reason: string;
}

export interface ArtifactList {
  items: Artifact[];
  refused: RefusedArtifact[];
}

export interface ArtifactsApi {
  list(executionId: string): Promise<ArtifactList>;
  /** One file's bytes, fetched with the signed-in user's token (an <img> could not send it). */
  file(executionId: string, name: string): Promise<Blob>;
}

/** The images the server serves inline (checked by signature there); anything else is a download. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isInlineImage(artifact: Artifact): boolean {
  return INLINE_IMAGES.has(artifact.media_type);
}

export function createArtifactsApi(options: ApiClientOptions = {}): ArtifactsApi {
  const http = createHttpClient(options, { 404: 'Artifact not found' });
  const artifactsUrl = (id: string) => `${http.baseUrl}/executions/${encodeURIComponent(id)}/artifacts`;
  return {
    list: (executionId) => http.json<ArtifactList>(artifactsUrl(executionId)),
    file: (executionId, name) => http.blob(`${artifactsUrl(executionId)}/${encodeURIComponent(name)}`),
  };
}
