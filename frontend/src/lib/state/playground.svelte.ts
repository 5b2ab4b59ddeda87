/**
 * The playground wired together: who is signed in, their lists, the execution on screen and the address that
 * names it. App.svelte renders it; here each event (a sign-in, a sign-out, a followed link, a run) says what follows.
 */
import { createAuthApi, type User } from '../api/auth';
import { createArtifactsApi } from '../api/artifacts';
import { createAuthorizedFetch } from '../api/authorized-fetch';
import { createExecutionsApi } from '../api/executions';
import type { ExecutionSnapshot } from '../api/execution-types';
import type { FetchFunction } from '../api/http';
import { createRuntimesApi } from '../api/runtimes';
import { createScriptsApi, type SavedScript } from '../api/scripts';
import type { Example } from '../examples';
import { AuthSession } from './auth-session.svelte';
import { ExecutionArtifacts } from './execution-artifacts.svelte';
import type { KeyValueStorage } from './browser-storage';
import { ExecutionSession } from './execution-session.svelte';
import type { EventSourceConstructor } from './execution-watcher';
import { HashRoute, type RouteWindow } from './hash-route.svelte';
import { MyExecutions } from './my-executions.svelte';
import { RecentExecutions } from './recent-executions.svelte';
import { RuntimeInfo } from './runtime-info.svelte';
import { requestOf, SavedScripts } from './saved-scripts.svelte';
import { ScriptDraft } from './script-draft.svelte';

export interface PlaygroundOptions {
  window: RouteWindow;
  storage: KeyValueStorage | null;
  /** What the editor holds before the user types. */
  example: Example;
  fetch?: FetchFunction;
  /** Leave undefined to follow runs by polling only. */
  eventSource?: EventSourceConstructor;
}

export class Playground {
  readonly auth: AuthSession;
  readonly recent: RecentExecutions;
  readonly mine: MyExecutions;
  readonly saved: SavedScripts;
  readonly session: ExecutionSession;
  readonly draft: ScriptDraft;
  readonly route: HashRoute;
  /** The Python and packages scripts run with. */
  readonly runtime: RuntimeInfo;
  /** The files the execution on screen left behind. */
  readonly artifacts: ExecutionArtifacts;
  /** The execution on screen, marked in the lists. */
  readonly currentId: string | null;

  constructor(options: PlaygroundOptions) {
    const fetchWithToken = createAuthorizedFetch(
      { token: () => this.auth.token(), tokenRejected: (token) => this.auth.tokenRejected(token) },
      options.fetch,
    );
    const executionsApi = createExecutionsApi({ fetch: fetchWithToken, eventsToken: () => this.auth.token() });
    this.auth = new AuthSession({
      api: createAuthApi({ fetch: fetchWithToken }),
      storage: options.storage,
      onUserChange: (user) => this.#showListsOf(user),
    });
    this.recent = new RecentExecutions(options.storage);
    this.artifacts = new ExecutionArtifacts(createArtifactsApi({ fetch: fetchWithToken }));
    this.mine = new MyExecutions(executionsApi);
    this.saved = new SavedScripts(createScriptsApi({ fetch: fetchWithToken }));
    this.session = new ExecutionSession({
      api: executionsApi,
      eventSource: options.eventSource,
      onSnapshot: (snapshot) => this.#recordRun(snapshot),
    });
    this.draft = new ScriptDraft(options.example);
    this.runtime = new RuntimeInfo(createRuntimesApi({ fetch: fetchWithToken }));
    this.route = new HashRoute(options.window, (executionId) => void this.open(executionId));
    this.currentId = $derived(this.session.execution?.execution_id ?? null);
  }

  /** Checks the stored sign-in, shows the user's lists, what scripts run on, and the execution the address names. */
  start(): void {
    void this.auth.load();
    void this.runtime.load();
    this.#showListsOf(this.auth.user);
    if (this.route.executionId !== null) void this.open(this.route.executionId);
  }

  async run(): Promise<void> {
    if (!this.#mayRun()) return;
    this.#showInAddress(await this.session.run(this.draft.toRequest()));
  }

  /** Runs a saved script as stored, and puts it in the editor. */
  async runSaved(script: SavedScript): Promise<void> {
    if (!this.#mayRun()) return;
    this.draft.useSaved(script);
    this.#showInAddress(await this.session.run(requestOf(script), () => this.saved.start(script)));
  }

  /** Shows an execution from a link, with its script and input in the editor. */
  async open(executionId: string): Promise<void> {
    if (executionId === this.currentId) return;
    await this.session.open(executionId);
    const execution = this.session.execution;
    if (execution?.execution_id === executionId && execution.script !== undefined) {
      this.draft.useScript(execution.script, execution.stdin);
    }
  }

  dispose(): void {
    this.session.dispose();
    this.artifacts.dispose();
    this.route.dispose();
  }

  /** Signing in brings the user's lists; signing out (or an expired session) drops them, never the editor. */
  #showListsOf(user: User | null): void {
    if (user === null) {
      this.saved.clear();
      this.mine.clear();
    } else {
      void this.saved.load();
      void this.mine.load(0);
    }
  }

  #recordRun(snapshot: ExecutionSnapshot): void {
    this.artifacts.follow(snapshot);
    this.recent.record(snapshot);
    if (this.auth.signedIn) this.mine.record(snapshot);
  }

  #mayRun(): boolean {
    if (this.auth.signedIn || this.auth.canRunAnonymously) return true;
    this.auth.prompt('Sign in to run scripts.');
    return false;
  }

  #showInAddress(executionId: string | null): void {
    if (executionId !== null) this.route.showExecution(executionId);
  }
}
