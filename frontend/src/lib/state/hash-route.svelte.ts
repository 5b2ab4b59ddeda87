/** Hash routing: `#/executions/{id}` names the execution on screen, so a link reloads it. */

const EXECUTION_HASH = /^#\/executions\/([^/?#]+)$/;

export type RouteWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  location: Pick<Location, 'hash' | 'origin' | 'pathname' | 'search'>;
};

export class HashRoute {
  /** The execution the address names, read at start and on every hash change. */
  executionId = $state<string | null>(null);

  #window: RouteWindow;
  #onOpen: (executionId: string) => void;
  #onHashChange = () => {
    const executionId = parseExecutionId(this.#window.location.hash);
    if (executionId === this.executionId) return;
    this.executionId = executionId;
    if (executionId !== null) this.#onOpen(executionId);
  };

  /** `onOpen` hears of an execution the user navigates to (a pasted link, back and forward), not of the first address. */
  constructor(win: RouteWindow, onOpen: (executionId: string) => void = () => {}) {
    this.#window = win;
    this.#onOpen = onOpen;
    this.executionId = parseExecutionId(win.location.hash);
    win.addEventListener('hashchange', this.#onHashChange);
  }

  /** Puts a shown execution in the address; the hash change that follows is no navigation. */
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
