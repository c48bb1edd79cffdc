import { differenceInSeconds } from 'date-fns';

/** "now", "42 s", "3 min", "2 h 5 min", "3 d" — compact ages for status displays. */
export function formatAge(fromIso: string | null, now: Date): string {
  if (!fromIso) return 'no data yet';
  const seconds = Math.max(0, differenceInSeconds(now, new Date(fromIso)));
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

export function ageSeconds(fromIso: string | null, now: Date): number | null {
  return fromIso ? Math.max(0, differenceInSeconds(now, new Date(fromIso))) : null;
}

/** UTC with the zone spelled out, as audit and review readers expect: "2026-11-27 06:30:12 UTC". */
export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
