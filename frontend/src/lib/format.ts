/** Human-readable numbers for the result panel. */

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatKilobytes(kb: number): string {
  if (kb < 1024) return `${kb} KiB`;
  return `${(kb / 1024).toFixed(1)} MiB`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return formatKilobytes(Math.round(bytes / 1024));
}

export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** When a rate-limited request may be sent again, from the Retry-After seconds. */
export function formatRetryAfter(seconds: number, now = Date.now()): string {
  if (seconds <= 0) return 'You can try again now.';
  const wait = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const at = new Date(now + seconds * 1000).toLocaleTimeString(undefined, { timeStyle: 'medium' });
  return `Try again in ${wait} (at ${at}).`;
}
