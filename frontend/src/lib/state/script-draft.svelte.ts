/** What the user is about to run: the script, its stdin and the optional limits. */
import type { ExecutionLimits, ExecutionRequest } from '../api/execution-types';
import type { SavedScript } from '../api/scripts';
import type { Example } from '../examples';

/** A limit left empty (null) means the server default. */
export type LimitFields = { [K in keyof ExecutionLimits]: number | null };

export class ScriptDraft {
  script = $state('');
  stdin = $state('');
  limits = $state<LimitFields>(emptyLimits());

  constructor(example: Example) {
    this.useExample(example);
  }

  useExample(example: Example): void {
    this.script = example.script;
    this.stdin = example.stdin ?? '';
    this.limits = { ...emptyLimits(), ...example.limits };
  }

  /** Shows a stored execution's script and input; the limit fields keep what the user chose. */
  useScript(script: string, stdin: string | null | undefined): void {
    this.script = script;
    this.stdin = stdin ?? '';
  }

  /** Loads a saved script with its own input and limits. */
  useSaved(saved: SavedScript): void {
    this.useScript(saved.script, saved.stdin);
    this.limits = { ...emptyLimits(), ...saved.limits };
  }

  toRequest(): ExecutionRequest {
    const request: ExecutionRequest = { script: this.script };
    if (this.stdin !== '') request.stdin = this.stdin;
    const limits = Object.fromEntries(
      Object.entries(this.limits).filter(([, value]) => value !== null && Number.isFinite(value)),
    ) as Partial<ExecutionLimits>;
    if (Object.keys(limits).length > 0) request.limits = limits;
    return request;
  }
}

function emptyLimits(): LimitFields {
  return { timeout_seconds: null, memory_mb: null, cpu_millicores: null };
}
