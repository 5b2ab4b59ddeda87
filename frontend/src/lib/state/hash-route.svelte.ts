/** Hash routing: `#/executions/{id}` names the execution on screen, so a link reloads it. */

const EXECUTION_HASH = /^#\/executions\/([^/?#]+)$/;

export type RouteWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  location: Pick<Location, 'hash' | 'origin' | 'pathname' | 'search'>;
};

export class HashRoute {
  executionId = $state<string | null>(null);

  #window: RouteWindow;
  #onHashChange = () => (this.executionId = parseExecutionId(this.#window.location.hash));

  constructor(win: RouteWindow) {
    this.#window = win;
    this.#onHashChange();
    win.addEventListener('hashchange', this.#onHashChange);
  }

  showExecution(executionId: string): void {
    this.executionId = executionId;
    this.#window.location.hash = executionHash(executionId);
  }

  permalink(executionId: string): string {
    const { origin, pathname, search } = this.#window.location;
    return `${origin}${pathname}${search}${executionHash(executionId)}`;
  }

  dispose(): void {
    this.#window.removeEventListener('hashchange', this.#onHashChange);
  }
}

function executionHash(executionId: string): string {
  return `#/executions/${encodeURIComponent(executionId)}`;
}

export function parseExecutionId(hash: string): string | null {
  const match = EXECUTION_HASH.exec(hash);
  return match ? decodeURIComponent(match[1]) : null;
}
