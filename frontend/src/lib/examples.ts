/** Ready-made scripts that show what the sandbox does, limits included. */
import type { ExecutionLimits } from './api/execution-types';

export interface Example {
  id: string;
  title: string;
  script: string;
  stdin?: string;
  limits?: Partial<ExecutionLimits>;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'hello',
    title: 'Hello, world',
    script: `import platform

print("Hello, Integr8sCode!")
print(f"Python {platform.python_version()} in a sandbox")
`,
  },
  {
    id: 'stdin',
    title: 'Echo standard input',
    script: `import sys

for number, line in enumerate(sys.stdin, start=1):
    print(f"{number}: {line.rstrip()}")
`,
    stdin: 'first line\nsecond line\nthird line\n',
  },
  {
    id: 'exception',
    title: 'Raise an exception',
    script: `def parse_age(text):
    age = int(text)
    if age < 0:
        raise ValueError(f"age cannot be negative: {age}")
    return age

print(parse_age("42"))
print(parse_age("-7"))
`,
  },
  {
    id: 'timeout',
    title: 'Infinite loop (timeout)',
    script: `print("Spinning forever; the sandbox stops me after 2 seconds.", flush=True)
while True:
    pass
`,
    limits: { timeout_seconds: 2 },
  },
  {
    id: 'memory',
    title: 'Memory hog',
    script: `chunks = []
while True:
    chunks.append(b"x" * (16 * 1024 * 1024))
    print(f"holding {len(chunks) * 16} MiB", flush=True)
`,
    limits: { memory_mb: 64 },
  },
];
